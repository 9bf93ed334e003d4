// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Samizdat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "samizdat", targets: ["SamizdatCLI"]),
        .library(name: "Samizdat", targets: ["Samizdat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // cmark-gfm and its core extensions, from the system (Debian: libcmark-gfm-dev and
        // libcmark-gfm-extensions-dev; Homebrew: cmark-gfm).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [
                .apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]),
                .brew(["cmark-gfm"]),
            ]
        ),
        // libxml2's HTML parser, the tokenizer for raw HTML in posts (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [
                .apt(["libxml2-dev"]),
                .brew(["libxml2"]),
            ]
        ),
        .target(
            name: "Samizdat",
            dependencies: [
                "CCmarkGFM",
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The preview server behind `samizdat serve`: kept out of the library so it stays light.
        .target(
            name: "SamizdatServer",
            dependencies: [
                "Samizdat",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "SamizdatCLI",
            dependencies: [
                "Samizdat",
                "SamizdatServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets for the parsers of user files. A plain build makes a replayer
        // (`samizdat-fuzz TARGET FILE…`); `make fuzz` builds the libFuzzer binary.
        .executableTarget(
            name: "SamizdatFuzz",
            dependencies: ["Samizdat"]
        ),
        .testTarget(
            name: "SamizdatTests",
            dependencies: [
                "Samizdat", "SamizdatFuzz",
                // The reference the built-in template engine is compared with (MustacheCompatibilityTests).
                .product(name: "Mustache", package: "swift-mustache"),
                // Writes the fixture archives of the import tests.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // DigestTests hash their reference bytes directly.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "SamizdatCLITests",
            dependencies: ["SamizdatCLI", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ]
)
