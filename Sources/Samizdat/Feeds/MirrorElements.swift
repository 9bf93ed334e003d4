import Foundation

/// How the Atom and RSS feeds name the site's other addresses: one `<samizdat:mirror>` element
/// per address, the XML twin of JSON Feed's `_samizdat.mirrors`.
///
/// ```xml
/// <samizdat:mirror name="usb" home="https://usb.example.net/" feed="https://usb.example.net/atom.xml"/>
/// ```
///
/// Why an extension element, and not one of Atom's links:
/// - `rel="alternate"` once per mirror breaks RFC 4287 §4.1.1: a feed holds at most one
///   alternate link per combination of `type` and `hreflang`, and every mirror's home page is
///   `text/html` in the same language. Strict parsers reject such a feed (OCaml's Syndic raises
///   `Duplicate_Link`); others silently keep only the first or the last.
/// - `rel="duplicate"` (RFC 6249) promises representations that are byte-for-byte identical,
///   which a mirror's feed is not: its `self` link, its entries' links and its own list of
///   mirrors name the mirror's address. A client that checks (Metalink clients compare digests)
///   would find every mirror broken.
/// - `rel="related"` is valid but says nothing a program could act on.
///
/// RFC 4287 §6 lets any namespaced element stand among a feed's metadata (a structured
/// extension element), and RSS 2.0 allows the same in a channel, so both formats carry the same
/// element, and the feed keeps exactly one `alternate`: the page at this address.
enum MirrorElements {
    /// The namespace's name: an identifier, never fetched. Samizdat has no web address of its own
    /// to mint one under, so it is a UUID URN (RFC 9562), unique without one. It must never
    /// change: programs that read the element match it.
    static let namespace = "urn:uuid:af61b7c6-1a6d-4d83-a66a-e7f4390eaaa2"

    /// ` xmlns:samizdat="…"` for the root element, when the feed names other addresses.
    static func declaration(_ feed: Feed) -> String {
        feed.alsoAt.isEmpty ? "" : " xmlns:samizdat=\"\(namespace)\""
    }

    /// One element per other address, `feed` being the same feed's address there in the
    /// format of the document (`\.atomURL`, `\.rssURL`).
    static func render(_ feed: Feed, feedURL: KeyPath<Feed.OtherAddress, String>) -> String {
        let e = XML.escape
        return feed.alsoAt.map { other in
            "<samizdat:mirror name=\"\(e(other.name))\" home=\"\(e(other.homeURL))\" feed=\"\(e(other[keyPath: feedURL]))\"/>\n"
        }.joined()
    }
}
