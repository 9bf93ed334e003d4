import Foundation
import Testing

/// The label between "Newer" and "Older" on list pages: the months the page's posts cover (the
/// UI string `page_range`), not a page number that would change whenever a page is added.
@Suite("Pagination label")
struct PaginationLabelTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var language: String
        var extra = ""
        /// The oldest archive page's label (March and July posts), the next one's (August only),
        /// and the front page's (September only).
        var labels: [String]
        var testDescription: String { language + (extra.isEmpty ? "" : " with strings") }
    }

    static let cases = [
        Case(language: "en", labels: ["March 2025 – July 2025", "August 2025", "September 2025"]),
        Case(language: "fr", labels: ["Mars 2025 – Juillet 2025", "Août 2025", "Septembre 2025"]),
        Case(language: "en", extra: "strings: {page_range: \"from {from} to {to}\"}\n", labels: ["from March 2025 to July 2025", "August 2025", "September 2025"]),
    ]

    @Test(arguments: cases)
    func archivePagesNameTheMonthsTheyCover(_ test: Case) throws {
        // Two posts a page, counted from the oldest: page 1 holds March and July, page 2 August,
        // the front page September.
        let dates = ["2025-03-10", "2025-07-20", "2025-08-01", "2025-08-20", "2025-09-01", "2025-09-15"]
        var files: [String: String] = [:]
        for (index, date) in dates.enumerated() {
            files["Content/posts/p\(index).md"] = "---\ndate: \(date) 12:00\ntags: [velo]\n---\nPost \(index).\n"
        }
        let config = TestSite.minimalConfig.replacingOccurrences(of: "language: en", with: "language: \(test.language)") + test.extra
        let site = try TestSite(files, config: config)
        defer { site.remove() }
        let result = try site.run("build")
        try #require(result.status == 0, "\(result.stderr)")

        for folder in ["", "tags/velo/"] {
            let pages = ["\(folder)page/1/index.html", "\(folder)page/2/index.html", "\(folder)index.html"]
            for (page, label) in zip(pages, test.labels) {
                let html = try #require(site.read("Output/" + page), "\(page)")
                #expect(html.contains("<span class=\"pagination-label\">\(label)</span>"), "\(page): \(html)")
            }
        }
        // An archive page of the timeline is titled by its months too.
        let oldest = try #require(site.read("Output/page/1/index.html"))
        #expect(oldest.contains("<title>Test site — \(test.labels[0])"), "\(oldest)")
    }
}
