import Foundation
import Testing
@testable import Samizdat

/// The source scan lists every file below a folder, at any depth, sorted, with its stamp; the
/// folders below the second level are walked in parallel, which must not change the result.
@Suite("File tree")
struct FileTreeTests {
    @Test func everyFileAtEveryDepthIsListedOnceInOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("filetree-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var expected: [String] = []
        func write(_ path: String, listed: Bool = true) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
            if listed { expected.append(path) }
        }
        try write("about.md")
        try write("posts/top.md")
        for year in 2019...2023 {
            for month in [1, 7, 12] {
                for day in 1...3 { try write("posts/\(year)/\(String(format: "%02d", month))/note-\(day).md") }
            }
            try write("posts/\(year)/bundle/deep/er/still/photo.jpg")
        }
        try write("posts/a-b/x.md")      // '-' sorts before '/': "posts/a-b/…" comes before "posts/a/…"
        try write("posts/a/x.md")
        try write("posts/.hidden/secret.md", listed: false)
        try write("posts/2020/.draft.md", listed: false)
        try write(".git/config", listed: false)
        try write("posts/2021/.git/HEAD", listed: false)
        // A link to a file inside counts; one leading outside does not.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("posts/2022/linked.md").path,
                                                   withDestinationPath: root.appendingPathComponent("about.md").path)
        expected.append("posts/2022/linked.md")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("posts/2022/outside.md").path, withDestinationPath: "/etc/hostname")

        let entries = FileTree.scan(root)
        #expect(entries.map(\.path) == expected.sorted())
        #expect(Set(entries.map(\.path)).count == entries.count)
        let note = try #require(entries.first { $0.path == "posts/2021/07/note-2.md" })
        #expect(note.stamp.size == "posts/2021/07/note-2.md".utf8.count)
        #expect(note.stamp == FileStamp.of(root.appendingPathComponent("posts/2021/07/note-2.md").path))

        let hidden = FileTree.scan(root, includingHidden: true).map(\.path)
        #expect(hidden.contains("posts/.hidden/secret.md") && hidden.contains("posts/2020/.draft.md"))
        #expect(!hidden.contains(".git/config") && !hidden.contains("posts/2021/.git/HEAD"))
    }
}
