import Foundation
import Testing
@testable import Samizdat

@Suite("MediaURL")
struct MediaURLTests {
    @Test("Site paths are encoded segment by segment", arguments: [
        ("/2026/11/20/market/my stall.png", "/2026/11/20/market/my%20stall.png"),
        ("/m/c#1.png", "/m/c%231.png"),
        ("/m/what?.png", "/m/what%3F.png"),
        ("/m/100%.png", "/m/100%25.png"),
        ("/m/fish & chips.gif", "/m/fish%20%26%20chips.gif"),
        ("/m/soleil d'été.png", "/m/soleil%20d%27%C3%A9t%C3%A9.png"),
        ("/m/日本.jpg", "/m/%E6%97%A5%E6%9C%AC.jpg"),
        ("/m/plain-name_1.2~x.jpg", "/m/plain-name_1.2~x.jpg"),
    ])
    func sitePaths(path: String, expected: String) {
        #expect(MediaURL.encode(path) == expected)
        #expect(expected.removingPercentEncoding == path, "decoding gives the file's name back")
    }

    @Test("Absolute URLs keep their escapes and lose what no URL may hold", arguments: [
        ("https://cdn.example/cat photo.jpg", "https://cdn.example/cat%20photo.jpg"),
        ("https://cdn.example/a%20b.jpg?w=2&h=3#x", "https://cdn.example/a%20b.jpg?w=2&h=3#x"),
        ("https://cdn.example/été.jpg", "https://cdn.example/%C3%A9t%C3%A9.jpg"),
        ("https://cdn.example/\"q\".jpg", "https://cdn.example/%22q%22.jpg"),
    ])
    func absoluteURLs(url: String, expected: String) {
        #expect(MediaURL.encode(url) == expected)
    }

    @Test func imageTypesFromExtensions() {
        #expect(MediaURL.imageType(ofURL: "https://cdn.example/cat.JPG?w=1") == "image/jpeg")
        #expect(MediaURL.imageType(ofURL: "https://cdn.example/a.svg#x") == "image/svg+xml")
        #expect(MediaURL.imageType(ofURL: "https://cdn.example/photo") == nil)
        #expect(MediaURL.imageType(ofURL: "https://cdn.example.com/") == nil)
    }
}
