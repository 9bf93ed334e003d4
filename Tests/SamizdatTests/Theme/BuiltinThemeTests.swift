import Foundation
import Testing
@testable import Samizdat

@Suite("Built-in theme")
struct BuiltinThemeTests {
    /// The copy compiled into the binary must be exactly the repository's Templates/ folder.
    @Test func embeddedCopyMatchesTemplatesFolder() throws {
        let folder = Repository.root.appendingPathComponent("Templates")
        let onDisk = FileTree.files(in: folder)
        #expect(Set(onDisk) == Set(BuiltinTheme.files.keys), "run `make theme` after adding or removing a file in Templates/")
        for path in onDisk {
            let data = try Data(contentsOf: folder.appendingPathComponent(path))
            #expect(BuiltinTheme.files[path] == data, "Templates/\(path) differs from the embedded copy: run `make theme`")
        }
    }

    @Test func hasEveryPageTemplateAndAStylesheet() throws {
        let library = try TemplateLibrary.load(overridesIn: nil).get()
        for name in TemplateLibrary.pageTemplates {
            #expect(library.names.contains(name), "missing \(name)")
        }
        #expect(library.assets.map(\.path).contains("style.css"))
    }

    @Test func stylesheetMakesNoExternalRequestAndSupportsDarkMode() throws {
        let css = String(decoding: try #require(BuiltinTheme.files["style.css"]), as: UTF8.self)
        #expect(css.contains("@media (prefers-color-scheme: dark)"))
        #expect(css.contains(":focus-visible"))
        #expect(!css.contains("@import"))
        #expect(!css.contains("url("), "no fonts or images fetched from anywhere")
    }

    @Test func templatesMakeNoExternalRequestsAndUseNoScript() {
        for (path, data) in BuiltinTheme.files where path.hasSuffix(".mustache") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script"), "\(path)")
            #expect(!text.contains("src=\"http"), "\(path)")
            #expect(!text.contains("href=\"http"), "\(path)")
        }
    }
}
