import Foundation
import Testing
@testable import Samizdat

/// The site's shape kept between builds (`SiteShape`): written and read back, it makes the site
/// `Site.init` makes from the same posts, field by field, with the same plan and feeds.
@Suite("Site shape")
struct SiteShapeTests {
    /// A random site (threads, pinned posts, tags spelled two ways, categories, a bundle, drafts
    /// and a future post held back, posts in French), loaded as a build loads it.
    private func randomSite(seed: UInt64) throws -> (workspace: IncrementalBuildTests.Workspace, config: SiteConfig, loaded: ContentLoader.Loaded) {
        var random = IncrementalBuildTests.Random(seed: seed)
        let workspace = try IncrementalBuildTests.makeSite(&random)
        try workspace.write("Content/posts/draft.md", "---\ndate: 2025-05-05 10:00\ndraft: true\n---\nNot yet.\n")
        try workspace.write("Content/posts/future.md", "---\ndate: 2031-05-05 10:00\n---\nLater.\n")
        try workspace.write("Content/posts/french.md", "---\ndate: 2025-06-06 10:00\nlang: fr\n---\nBonjour.\n")
        try workspace.write("site.yml", (workspace.read("site.yml") ?? "") + "taxonomies: [categories, series]\n")
        let (config, problems) = SiteConfig.parse(yaml: workspace.read("site.yml") ?? "", file: workspace.root.appendingPathComponent("site.yml"))
        #expect(!problems.hasErrors)
        func load() -> ContentLoader.Loaded {
            ContentLoader.load(from: workspace.root.appendingPathComponent("Content"), parser: ContentParser(config: config))
        }
        func site() -> Site {
            let loaded = load()
            return Site(config: config, posts: loaded.posts, pages: loaded.pages, now: workspace.now, includeDrafts: false, includeFuture: false)
        }
        // A thread of three.
        try workspace.write("Content/posts/reply-1.md", IncrementalBuildTests.post(&random, number: 97, year: 2025, replyTo: site().posts[5].path))
        let reply = try #require(site().posts.first { $0.sourcePath == "posts/reply-1.md" }).path
        try workspace.write("Content/posts/reply-2.md", IncrementalBuildTests.post(&random, number: 98, year: 2025, replyTo: reply))
        return (workspace, config, load())
    }

    @Test(arguments: [1, 5, 9] as [UInt64])
    func aShapeReadBackMakesTheSameSite(seed: UInt64) throws {
        let (workspace, config, loaded) = try randomSite(seed: seed)
        let site = Site(config: config, posts: loaded.posts, pages: loaded.pages, now: workspace.now, includeDrafts: false, includeFuture: false)
        #expect(site.heldBack >= 2)
        #expect(!site.threads.isEmpty)
        #expect(!site.tags.isEmpty && !site.taxonomies.isEmpty)
        #expect(!site.languages.isEmpty)
        let plan = SitePlan(site: site)
        let feeds = Feed.plans(for: site)
        let warning = Diagnostic.warning("A warning", at: SourceLocation(file: workspace.root.appendingPathComponent("Content/posts/001.md"), line: 3))
        let bytes = SiteShape(site: site, loadedPosts: loaded.posts.count, plan: plan, feeds: feeds, diagnostics: [warning]).encoded()
        let shape = try #require(SiteShape.decode(bytes))
        // The same bytes again: the file of one site is always the same.
        #expect(SiteShape(site: site, loadedPosts: loaded.posts.count, plan: plan, feeds: feeds, diagnostics: [warning]).encoded() == bytes)
        #expect(shape.diagnostics == [warning])
        let again = try #require(Site(shape: shape, config: config, posts: loaded.posts, pages: loaded.pages, now: workspace.now, includeDrafts: false))
        #expect(again.posts.map(\.sourcePath) == site.posts.map(\.sourcePath))
        #expect(again.postOrder == site.postOrder)
        #expect(again.parent == site.parent)
        #expect(again.threads.map(\.posts) == site.threads.map(\.posts))
        #expect(again.threadOf == site.threadOf)
        #expect(again.timeline == site.timeline)
        #expect(again.pinned == site.pinned)
        #expect(again.timelinePosition == site.timelinePosition)
        #expect(again.problems == site.problems)
        func terms(_ tags: [Site.Tag]) -> [String] { tags.map { "\($0.name) \($0.slug) \($0.posts)" } }
        #expect(terms(again.tags) == terms(site.tags))
        #expect(again.taxonomies.map(\.name) == site.taxonomies.map(\.name))
        for (kept, made) in zip(again.taxonomies, site.taxonomies) {
            #expect(terms(kept.terms) == terms(made.terms) && kept.postTerms == made.postTerms)
            #expect(kept.slugByKey == made.slugByKey && kept.slugOfName == made.slugOfName)
        }
        #expect(again.tagSlugs == site.tagSlugs && again.tagSlugOfName == site.tagSlugOfName)
        #expect(again.years.map { "\($0.year) \($0.months.map { "\($0.year)-\($0.month) \($0.posts)" })" }
                == site.years.map { "\($0.year) \($0.months.map { "\($0.year)-\($0.month) \($0.posts)" })" })
        #expect(again.heldBackItems == site.heldBackItems)
        #expect(again.languages == site.languages)
        #expect(again.home?.sourcePath == site.home?.sourcePath && again.pages.map(\.sourcePath) == site.pages.map(\.sourcePath))
        func described(_ entry: SitePlan.Entry) -> String {
            "\(entry.outputPath) \(entry.urlPath) \(entry.template) \(entry.kind) \(String(describing: entry.source))"
        }
        #expect(shape.plan.map(described) == plan.entries.map(described))
        #expect(Feed.plans(for: again, updated: shape.feedsUpdated).map(\.updated) == feeds.map(\.updated))
        #expect(Feed.plans(for: again, updated: shape.feedsUpdated).map(\.folder) == feeds.map(\.folder))
    }

    /// A shape made from fewer or more posts than were loaded is not used.
    @Test func aShapeOfOtherPostsIsNotUsed() throws {
        let (workspace, config, loaded) = try randomSite(seed: 2)
        let site = Site(config: config, posts: loaded.posts, pages: loaded.pages, now: workspace.now, includeDrafts: false, includeFuture: false)
        let shape = try #require(SiteShape.decode(SiteShape(site: site, loadedPosts: loaded.posts.count, plan: SitePlan(site: site),
                                                             feeds: Feed.plans(for: site), diagnostics: []).encoded()))
        #expect(Site(shape: shape, config: config, posts: Array(loaded.posts.dropLast()), pages: loaded.pages, now: workspace.now, includeDrafts: false) == nil)
    }

    /// Cut anywhere or with a byte changed, a shape file is refused or read as a shape whose every
    /// index is in range: never a crash. (A file is decoded only when its digest is the one the
    /// build recorded, so this is the second line of defence.)
    @Test func damagedShapesAreRefusedOrInRange() throws {
        let (workspace, config, loaded) = try randomSite(seed: 4)
        let site = Site(config: config, posts: loaded.posts, pages: loaded.pages, now: workspace.now, includeDrafts: false, includeFuture: false)
        let bytes = SiteShape(site: site, loadedPosts: loaded.posts.count, plan: SitePlan(site: site), feeds: Feed.plans(for: site), diagnostics: []).encoded()
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            #expect(SiteShape.decode(bytes.prefix(length)) == nil, "cut at \(length)")
        }
        var random = SplitMix64(seed: 77)
        for _ in 0..<1000 {
            var damaged = bytes
            let at = random.below(damaged.count)
            damaged[at] = UInt8(truncatingIfNeeded: random.next())
            if let shape = SiteShape.decode(damaged) {
                // Made into a site, every index it holds is one of the posts'.
                let made = Site(shape: shape, config: config, posts: loaded.posts, pages: loaded.pages, now: workspace.now, includeDrafts: false)
                if let made {
                    #expect(made.timeline.allSatisfy { made.posts.indices.contains($0) })
                }
            }
        }
    }
}
