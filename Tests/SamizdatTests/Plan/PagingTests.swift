import Testing
@testable import Samizdat

@Suite("Paging: pages counted from the oldest")
struct PagingTests {
    /// The entries of each page, as numbers counted from the oldest (0 is the oldest entry), for a
    /// newest-first list of `count` entries.
    static func pages(count: Int, perPage: Int) -> [Int: [Int]] {
        let paging = Paging(count: count, perPage: perPage)
        var result: [Int: [Int]] = [:]
        for page in paging.pages {
            result[page] = paging.positions(onPage: page).map { count - 1 - $0 }
        }
        return result
    }

    @Test func fewEntriesAreAllOnTheFrontPage() {
        for count in 0..<6 {
            let paging = Paging(count: count, perPage: 3)
            #expect(paging.archived == 0, "\(count)")
            #expect(paging.positions(onPage: 0) == 0..<count)
            #expect(paging.older(than: 0) == nil)
        }
    }

    @Test func theOldestEntriesFillTheFirstArchivePage() {
        let paging = Paging(count: 10, perPage: 3)
        #expect(paging.archived == 2)
        #expect(paging.positions(onPage: 0) == 0..<4)   // the newest four
        #expect(paging.positions(onPage: 2) == 4..<7)
        #expect(paging.positions(onPage: 1) == 7..<10)  // the oldest three
        #expect(paging.older(than: 0) == 2)
        #expect(paging.older(than: 2) == 1)
        #expect(paging.older(than: 1) == nil)
        #expect(paging.newer(than: 1) == 2)
        #expect(paging.newer(than: 2) == 0)
        #expect(paging.newer(than: 0) == nil)
        #expect((0..<10).map(paging.page(ofPosition:)) == [0, 0, 0, 0, 2, 2, 2, 1, 1, 1])
    }

    /// Every entry is on exactly one page, the one `page(ofPosition:)` names, and the front page
    /// holds between `perPage` and `2 * perPage - 1` entries once there are that many.
    @Test(arguments: 1...5)
    func pagesPartitionTheList(perPage: Int) {
        for count in 0...60 {
            let paging = Paging(count: count, perPage: perPage)
            var seen: [Int] = []
            for page in paging.pages {
                let positions = paging.positions(onPage: page)
                #expect(positions.allSatisfy { paging.page(ofPosition: $0) == page }, "\(count) \(page)")
                if page > 0 { #expect(positions.count == perPage) }
                seen += positions
            }
            #expect(seen.sorted() == Array(0..<count), "\(count)")
            if count >= perPage { #expect((perPage..<(2 * perPage)).contains(paging.positions(onPage: 0).count)) }
        }
    }

    /// The point of counting from the oldest: adding an entry never changes an archive page, and
    /// adds at most one.
    @Test(arguments: 1...5)
    func aNewEntryLeavesArchivePagesAsTheyAre(perPage: Int) {
        for count in 0...60 {
            let before = Self.pages(count: count, perPage: perPage), after = Self.pages(count: count + 1, perPage: perPage)
            for (page, entries) in before where page > 0 {
                #expect(after[page] == entries, "\(count) entries, page \(page)")
            }
            #expect(after.count - before.count <= 1)
        }
    }
}
