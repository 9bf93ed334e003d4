/// How a newest-first list (the timeline, a tag, a feed's history) is cut into pages.
///
/// Pages are counted from the oldest post, so that a page, once full, never changes when posts
/// are added: a new post changes the front page only, and every `perPage` posts one more archive
/// page appears. Counting from the newest post, as most generators do, moves every post of every
/// page by one place with each new post: every page, and every post page that links to the page
/// listing it, would be written again, and sent again to every mirror and CDN. RFC 5005's
/// archived feeds ask for exactly this stability.
///
/// The list's oldest entries fill archive pages of `perPage` entries each, numbered 1 (the
/// oldest) upwards; the front page holds the rest: the newest full page plus the entries that do
/// not fill one yet, so between `perPage` and `2 * perPage - 1` entries (fewer when the list is
/// shorter than that). Page number 0 stands for the front page.
public struct Paging: Sendable, Equatable {
    public let count: Int
    public let perPage: Int

    public init(count: Int, perPage: Int) {
        self.count = max(0, count)
        self.perPage = max(1, perPage)
    }

    /// How many archive pages there are (pages 1 through `archived`).
    public var archived: Int { max(0, count / perPage - 1) }

    /// Every page: 0 (the front page), then the archive pages from the oldest.
    public var pages: ClosedRange<Int> { 0...archived }

    /// Positions in the newest-first list shown on `page`.
    public func positions(onPage page: Int) -> Range<Int> {
        guard page > 0 else { return 0..<(count - archived * perPage) }
        guard page <= archived else { return count..<count }
        return (count - page * perPage)..<(count - (page - 1) * perPage)
    }

    /// The page showing the entry at `position` of the newest-first list.
    public func page(ofPosition position: Int) -> Int {
        let fromOldest = count - 1 - position
        let page = fromOldest / perPage + 1
        return page <= archived ? page : 0
    }

    /// The page with newer entries than `page`, if there is one (0 is the front page).
    public func newer(than page: Int) -> Int? {
        guard page > 0 else { return nil }
        return page == archived ? 0 : page + 1
    }

    /// The page with older entries than `page`, if there is one.
    public func older(than page: Int) -> Int? {
        if page == 0 { return archived > 0 ? archived : nil }
        return page > 1 ? page - 1 : nil
    }
}
