import Foundation
import Testing
@testable import Samizdat

@Suite("SiteScaffold")
struct SiteScaffoldTests {
    static let scaffold = SiteScaffold(title: "Carnet: notes", baseURL: URL(string: "https://notes.example/")!, language: "fr",
                                       timeZone: TimeZone(identifier: "Europe/Paris")!, now: Date(timeIntervalSince1970: 1_795_133_109 + 8 * 3600))

    @Test func siteYmlReadsBackWithoutAProblemAndMentionsEveryKey() throws {
        let (config, diagnostics) = SiteConfig.parse(yaml: Self.scaffold.siteYAML, file: URL(fileURLWithPath: "/site/site.yml"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config.title == "Carnet: notes")
        #expect(config.baseURL?.absoluteString == "https://notes.example/")
        #expect(config.language == "fr")
        #expect(config.timeZone.identifier == "Europe/Paris")
        for key in SiteConfig.knownKeys {
            #expect(Self.scaffold.siteYAML.contains("\n\(key):") || Self.scaffold.siteYAML.contains("\n# \(key):"), "site.yml explains '\(key)'")
        }
    }

    @Test func createMakesTheSiteThenSkipsWhatIsThere() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("new/site")
        let first = try Self.scaffold.create(in: site)
        #expect(first.created == ["site.yml", "Content/posts/2026/11/20-090509.md", ".gitignore", "Content/about.md", "Public/"])
        #expect(first.skipped.isEmpty)
        let second = try Self.scaffold.create(in: site)
        #expect(second.created.isEmpty)
        #expect(second.skipped == ["site.yml", ".gitignore", "Content/about.md", "Content/posts/", "Public/"])
    }

    @Test func aFileInTheWayIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("taken", "x")
        #expect(throws: DiagnosticList.self) { try Self.scaffold.create(in: folder.url.appendingPathComponent("taken")) }
        #expect(folder.read("taken") == "x")
    }
}
