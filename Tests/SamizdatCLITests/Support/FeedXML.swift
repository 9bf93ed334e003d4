import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Atom and RSS documents read with an XML parser, for what string matching would get wrong:
/// which element a link belongs to, namespaces, and attributes in any order.
enum FeedXML {
    static let atom = "http://www.w3.org/2005/Atom"
    static let samizdat = "urn:uuid:af61b7c6-1a6d-4d83-a66a-e7f4390eaaa2"

    /// An element with its namespace, attributes and the path of its ancestors' local names.
    struct Element {
        var namespace: String
        var name: String
        var attributes: [String: String]
        var parents: [String]
        /// For elements inside an Atom entry: the entry's number (0 for the first).
        var entry: Int?
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Every element of `data`, in document order.
    static func elements(_ data: Data) throws -> [Element] {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            var stack: [String] = []
            var entries = -1
            var inEntry = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "entry" && namespaceURI == FeedXML.atom { entries += 1; inEntry = true }
                elements.append(Element(namespace: namespaceURI ?? "", name: name, attributes: attributes, parents: stack, entry: inEntry ? entries : nil))
                stack.append(name)
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                stack.removeLast()
                if name == "entry" && namespaceURI == FeedXML.atom { inEntry = false }
            }
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { throw Malformed(description: parser.parserError.map { "\($0)" } ?? "not XML") }
        return collector.elements
    }

    /// The `rel="alternate"` links (a link without `rel` is one) of an Atom feed and of each of
    /// its entries, as "feed: type hreflang href" or "entry N: …" lines, and those that RFC 4287
    /// §4.1.1 and §4.1.2 forbid: a second one with the same type and hreflang in one element.
    static func atomAlternates(_ data: Data) throws -> (all: [String], repeated: [String]) {
        var all: [String] = [], repeated: [String] = []
        var seen: [String: Set<String>] = [:]
        for element in try elements(data) where element.namespace == atom && element.name == "link" && element.parents.last.map({ $0 == "feed" || $0 == "entry" }) == true {
            guard (element.attributes["rel"] ?? "alternate") == "alternate" else { continue }
            let place = element.entry.map { "entry \($0)" } ?? "feed"
            let key = "\(element.attributes["type"] ?? "-") \(element.attributes["hreflang"] ?? "-")"
            all.append("\(place): \(key) \(element.attributes["href"] ?? "")")
            if !seen[place, default: []].insert(key).inserted { repeated.append("\(place): \(key)") }
        }
        return (all, repeated)
    }

    /// The attributes of the `<samizdat:mirror>` elements of an Atom feed or of an RSS channel.
    static func mirrors(_ data: Data) throws -> [[String: String]] {
        try elements(data).filter { $0.namespace == samizdat && $0.name == "mirror" }.map(\.attributes)
    }
}
