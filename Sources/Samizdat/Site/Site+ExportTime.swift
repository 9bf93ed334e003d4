import Foundation

extension Site {
    /// Posts without an `updated` time that is only the moment their site was exported.
    ///
    /// A micro.blog export (and some Hugo and WordPress exports) gives every post the same
    /// `lastmod`: the time of the export, not of an edit. Shown, it would mark every post as
    /// updated on one day. So when at least two posts carry an `updated` (or `lastmod`) time and
    /// all of them carry the very same one, it is dropped from all; one post edited since makes
    /// the times differ, and then each is shown as written. Returns whether it dropped them, which
    /// every page depends on.
    static func withoutExportTime(_ posts: [Post]) -> (posts: [Post], dropped: Bool) {
        let times = posts.compactMap(\.updated)
        guard times.count >= 2, let first = times.first, times.allSatisfy({ $0 == first }) else { return (posts, false) }
        var posts = posts
        for index in posts.indices { posts[index].frontMatter.updated = nil }
        return (posts, true)
    }
}
