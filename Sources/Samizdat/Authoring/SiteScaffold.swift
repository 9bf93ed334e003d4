import Foundation

/// A new site as `samizdat init` makes it: a commented `site.yml`, a first post, an about page,
/// `Public/` and a `.gitignore`.
///
/// Never overwrites: in a folder that already holds some of these, only the missing ones are
/// added, and the result says which were skipped.
public struct SiteScaffold: Sendable {
    public var title: String
    /// Absolute http(s) URL ending in `/`.
    public var baseURL: URL
    public var language: String
    public var timeZone: TimeZone
    /// The first post's date.
    public var now: Date

    public static let defaultBaseURL = URL(string: "https://example.org/")!

    public init(title: String = "My site", baseURL: URL = SiteScaffold.defaultBaseURL, language: String = "en",
                timeZone: TimeZone, now: Date) {
        self.title = title
        self.baseURL = baseURL
        self.language = language
        self.timeZone = timeZone
        self.now = now
    }

    /// What `create` did: paths below the site's folder, folders ending in `/`.
    public struct Result: Sendable, Equatable {
        public var created: [String] = []
        /// Already there, left as they were.
        public var skipped: [String] = []
    }

    /// The time zone of this machine when `site.yml` can name it (an IANA name), else UTC.
    public static func localTimeZone() -> TimeZone {
        let current = TimeZone.current
        if case .success = SiteConfig.zone(named: current.identifier) { return current }
        return TimeZone(identifier: "UTC")!
    }

    /// Creates the site in `directory` (made when missing).
    public func create(in directory: URL) throws(DiagnosticList) -> Result {
        let manager = FileManager.default
        let path = directory.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw DiagnosticList([.error("Cannot start a site in \(path): it is a file, not a folder. Give the name of a new or existing folder")])
        }
        var result = Result()
        let postsFolder = directory.appendingPathComponent("Content/posts")
        // A site that already has posts does not need a sample one.
        let hasPosts = !FileTree.files(in: postsFolder).isEmpty
        do {
            for (relative, contents) in files(includingFirstPost: !hasPosts) {
                let file = directory.appendingPathComponent(relative)
                if manager.fileExists(atPath: file.path) {
                    result.skipped.append(relative)
                    continue
                }
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: file, options: .withoutOverwriting)
                result.created.append(relative)
            }
            if hasPosts { result.skipped.append("Content/posts/") }
            for folder in ["Content/posts/", "Public/"] where !result.skipped.contains(folder) {
                let url = directory.appendingPathComponent(folder)
                if manager.fileExists(atPath: url.path) {
                    if !result.created.contains(where: { $0.hasPrefix(folder) }) { result.skipped.append(folder) }
                } else {
                    try manager.createDirectory(at: url, withIntermediateDirectories: true)
                    result.created.append(folder)
                }
            }
        } catch {
            throw DiagnosticList([.error("Cannot write in \(path): \(error.localizedDescription)")])
        }
        return result
    }

    /// Every file, by path below the site's folder.
    func files(includingFirstPost: Bool) -> [(String, String)] {
        var files = [("site.yml", siteYAML), (".gitignore", "Output/\n.samizdat/\n"), ("Content/about.md", aboutPage)]
        if includingFirstPost {
            let post = firstPost
            files.insert(("Content/" + post.path(timeZone: timeZone), post.markdown(timeZone: timeZone, slug: post.slug(timeZone: timeZone))), at: 1)
        }
        return files
    }

    var firstPost: NewPost {
        NewPost(text: """
            Hello! This is the first post of my new site. It is a Markdown file in `Content/posts/`: \
            edit it, or write the next one with `samizdat new "Some text"`.
            """, tags: ["hello"], date: now)
    }

    var aboutPage: String {
        """
        ---
        title: About
        # Top-level pages are in the menu, in the order of their 'weight' (smallest first);
        # 'menu: false' leaves a page out.
        weight: 1
        ---
        Who writes here, and what about. This page is `Content/about.md`; it is at `/about/`.

        """
    }

    /// Every key Samizdat reads, with what it does; optional ones commented out.
    var siteYAML: String {
        """
        # The settings of this Samizdat site. Lines starting with '#' are comments: remove the '#'
        # in front of a setting to use it.

        # The site's name, and one line about it (under the name, in feeds and link previews).
        title: \(YAMLText.quoted(title))
        description: "Short posts, published on my own terms."

        # The site's public address, absolute and ending in '/'. Feeds, the sitemap and links
        # shared elsewhere use it; pages link to each other with relative URLs.
        base_url: \(YAMLText.quoted(baseURL.absoluteString))

        # The language of the site (BCP 47: en, fr, de, es, en-GB…): pages say it, and the
        # theme's words and dates follow it.
        language: \(YAMLText.quoted(language))

        # Dates without a zone are in this time zone (IANA name), and post URLs use its days.
        timezone: \(YAMLText.quoted(timeZone.identifier))

        # You, shown in every post's byline (the site's title when there is no name) and named
        # in feeds.
        # author:
        #   name: Ada Lovelace
        #   url: https://example.org/about/
        #   email: me@example.org
        #   avatar: /images/me.png    # a URL, or a file in Public/

        # How many posts a timeline, tag or month page shows.
        # posts_per_page: 20

        # Post URLs; tokens :year :month :day :hour :minute :slug.
        # permalink: /:year/:month/:day/:slug/

        # The folders of Content/ whose Markdown files are posts (the others are pages).
        # post_folders: [posts]

        # Front matter keys that group posts on pages of their own, as tags do
        # (/categories/, /categories/<term>/, with feeds). tags is always one.
        # taxonomies: [tags, categories]

        # The marker that cuts a titled post on the timeline ("Continue reading").
        # excerpt_separator: <!--more-->

        # feeds:
        #   items: 20                            # posts per feed page
        #   id_base: https://old.example.org/    # after a move: the first base_url, keeps feed ids
        #   icon: /images/icon.png
        #   favicon: /favicon.ico

        # markdown:
        #   unsafe_html: true    # raw HTML in posts passes through
        #   hashtags: true       # false: #words stay text and make no tags
        #   emoji: false         # true: :smile: becomes an emoji, as GitHub and Hugo write them

        # Your profiles elsewhere, linked with rel="me".
        # links:
        #   - {name: Mastodon, url: https://social.example/@me}

        # The theme's words, replaced.
        # strings:
        #   older_posts: Earlier

        # So that @ada in a post links to her profile.
        # mentions:
        #   ada: https://social.example/@ada

        # IndieWeb endpoints.
        # webmention: https://webmention.io/example.org/webmention
        # pingback: https://webmention.io/example.org/xmlrpc

        # Other addresses of the site, where `samizdat publish` sends it (see the README).
        # mirrors:
        #   - {name: usb, url: https://usb.example.net/, to: /media/usb/site}

        """
    }
}
