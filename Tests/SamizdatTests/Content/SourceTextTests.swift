import Foundation
import Testing
@testable import Samizdat

@Suite("Source text")
struct SourceTextTests {
    let file = URL(fileURLWithPath: "/site/Content/posts/a.md")

    /// How `split` found the front matter before it scanned for the closing fence.
    static func reference(_ text: String) -> (format: SourceText.Format?, frontMatter: String, body: String)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return (nil, "", text) }
        let fence = first.trimmingCharacters(in: .whitespaces)
        let format: SourceText.Format
        switch fence {
        case "---": format = .yaml
        case "+++": format = .toml
        default: return (nil, "", text)
        }
        lines.removeFirst()
        guard let close = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == fence || (format == .yaml && $0.trimmingCharacters(in: .whitespaces) == "...") }) else {
            return nil
        }
        return (format, lines[..<close].joined(separator: "\n"), lines[(close + 1)...].joined(separator: "\n"))
    }

    @Test func splitsFrontMatterFromTheBodyAsLineByLineReadingDid() {
        var random = SplitMix64(seed: 3)
        let lines = ["---", "+++", "...", " --- ", "title: x", "", "body text", "é 🎉", "---x", "\t+++"]
        for _ in 0..<5_000 {
            let text = (0..<random.below(7)).map { _ in random.pick(lines) }.joined(separator: "\n") + random.pick(["", "\n", "\n\n"])
            let expected = Self.reference(text)
            switch SourceText.split(text, file: file) {
            case .success(let source):
                #expect(expected != nil, "\(text.debugDescription)")
                #expect(source.frontMatter == (expected?.frontMatter ?? ""), "\(text.debugDescription)")
                #expect(source.body == expected?.body, "\(text.debugDescription)")
                #expect(source.format == (expected?.format ?? .none), "\(text.debugDescription)")
            case .failure(let diagnostic):
                #expect(expected == nil, "\(text.debugDescription)")
                #expect(diagnostic.message.hasPrefix("Front matter opened with"))
            }
        }
    }

    @Test(arguments: [
        ("2010-09-12-wordpress-resume-plugin", "wordpress-resume-plugin"), ("2010-09-12_notes", "notes"), ("2010-09-12 notes", "notes"),
        ("2010-09-12notes", "notes"), ("2010-09-12", nil), ("2010-9-12-x", nil), ("٢٠١٠-٠٩-١٢-arabic", "arabic"), ("x2010-09-12", nil),
        ("2010-09-12--two", "-two"),
    ] as [(String, String?)])
    func leadingDatesAreFoundAsTheRegularExpressionDid(_ name: String, _ rest: String?) {
        let regex = name.range(of: #"^\d{4}-\d{2}-\d{2}[-_ ]?"#, options: .regularExpression).map { String(name[$0.upperBound...]) }
        #expect(Slug.withoutLeadingDate(name) == regex)
        #expect(Slug.withoutLeadingDate(name).flatMap { $0.isEmpty ? nil : $0 } == rest)
    }
}
