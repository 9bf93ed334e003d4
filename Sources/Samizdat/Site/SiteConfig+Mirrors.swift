import Foundation

/// `mirrors:` in `site.yml`, and what a build for one of them changes: canonical links go to
/// `base_url`, and every page and feed names the other addresses.
extension SiteConfig {
    /// Reads the `mirrors` list; problems are reported on the line of the entry (or field) at fault.
    static func mirrors(_ entry: DataTable.Entry, reader: inout DataReader) -> [Mirror] {
        guard case .array(let items) = entry.value else {
            if entry.value != .null { reader.error("'mirrors' must be a list of {name, url, to} entries", at: entry) }
            return []
        }
        var result: [Mirror] = []
        for item in items {
            guard case .table(let table) = item, let first = table.entries.first else {
                reader.error("Each entry of 'mirrors' needs a 'name', a 'url' and a 'to'; found \(item.kindName)", at: entry)
                continue
            }
            var name: String?, url: URL?, to: String?, destination: Mirror.Destination?
            var failed = false
            for field in table.entries {
                switch field.key {
                case "name":
                    guard let text = reader.string(field) else { failed = true; continue }
                    if text == Mirror.mainName {
                        reader.error("Mirror name '\(text)' is taken: pages, feeds and mirrors.json call the address at base_url '\(Mirror.mainName)'. Give this mirror another name", at: field)
                        failed = true
                    } else if Mirror.isName(text) {
                        name = text
                    } else {
                        reader.error("Mirror name '\(text)' must be letters, digits, '-', '_' or '.' (it names the mirror on the command line)", at: field)
                        failed = true
                    }
                case "url":
                    guard let text = reader.string(field) else { failed = true; continue }
                    if let normalized = SiteConfig.normalizedBaseURL(text), text.hasSuffix("/") {
                        url = normalized
                    } else if SiteConfig.normalizedBaseURL(text) != nil {
                        reader.error("Mirror 'url' must end with '/', like base_url; found '\(text)'. Write '\(text)/'", at: field)
                        failed = true
                    } else {
                        reader.error("Mirror 'url' must be an absolute http or https URL, like 'https://mirror.example.net/'; found '\(text)'", at: field)
                        failed = true
                    }
                case "to":
                    guard let text = reader.string(field) else { failed = true; continue }
                    switch Mirror.destination(parsing: text) {
                    case .success(let value):
                        to = text
                        destination = value
                    case .failure(let invalid):
                        reader.error("Mirror\(name.map { " '\($0)'" } ?? ""): \(invalid.message)", at: field)
                        failed = true
                    }
                default:
                    reader.unknownKey(field, known: ["name", "url", "to"], in: "mirrors")
                }
            }
            if failed { continue }
            guard let name, let url, let to, let destination else {
                let missing = [("name", name == nil), ("url", url == nil), ("to", to == nil)].filter(\.1).map { "'\($0.0)'" }
                reader.error("This entry of 'mirrors' has no \(missing.joined(separator: " and ")); each mirror needs a 'name', a 'url' and a 'to'", at: first)
                continue
            }
            if let earlier = result.first(where: { $0.name == name }) {
                reader.error("Two mirrors are named '\(name)' (the other is on line \(earlier.line.map(String.init) ?? "?")); give each mirror its own name", at: first)
                continue
            }
            if let earlier = result.first(where: { $0.url == url }) {
                reader.error("Mirrors '\(earlier.name)' and '\(name)' have the same url '\(url.absoluteString)'; each mirror is another address", at: first)
                continue
            }
            result.append(Mirror(name: name, url: url, to: to, destination: destination, line: reader.location(first).line))
        }
        return result
    }

    /// Checks that need the whole file: a mirror at `base_url` itself.
    static func mirrorProblems(_ config: SiteConfig, file: URL) -> [Diagnostic] {
        guard let base = config.baseURL else { return [] }
        return config.mirrors.filter { $0.url == base }.map { mirror in
            .error("Mirror '\(mirror.name)' has the site's own base_url '\(base.absoluteString)' as its url; a mirror is another address where readers find the same site",
                   at: SourceLocation(file: file, line: mirror.line, column: nil))
        }
    }

    /// The mirror this build is for: its url is the build's base URL (`samizdat publish`, or
    /// `samizdat build --base-url` with a mirror's url).
    public var currentMirror: Mirror? {
        guard siteBaseURL != nil, let baseURL else { return nil }
        return mirrors.first { $0.url == baseURL }
    }

    /// Where canonical links point: `base_url` on a mirror's build, so search engines and readers
    /// know which address is the original.
    var canonicalBaseURL: URL? {
        currentMirror != nil ? (siteBaseURL ?? baseURL) : baseURL
    }

    /// Every address of the site but the one this build is for: the main one (`base_url`) and
    /// each mirror, in the order of `site.yml`.
    public var otherAddresses: [(name: String, url: URL)] {
        guard !mirrors.isEmpty else { return [] }
        var all: [(name: String, url: URL)] = []
        if let main = siteBaseURL ?? baseURL { all.append((name: Mirror.mainName, url: main)) }
        all += mirrors.map { (name: $0.name, url: $0.url) }
        return all.filter { $0.url != baseURL }
    }

    /// `/mirrors.json`: every address of the site, for people and programs that look for another
    /// when one disappears.
    func mirrorsJSON() -> Data? {
        guard !mirrors.isEmpty, let main = siteBaseURL ?? baseURL else { return nil }
        struct Address: Encodable {
            var name: String
            var url: String
            var feed_url: String
            var json_feed_url: String
        }
        struct Document: Encodable {
            var version = 1
            var title: String
            var base_url: String
            var mirrors: [Address]
        }
        let document = Document(
            title: title, base_url: main.absoluteString,
            mirrors: [Address(name: Mirror.mainName, url: main.absoluteString, feed_url: main.absoluteString + Router.atom(in: ""),
                              json_feed_url: main.absoluteString + Router.json(in: ""))]
                + mirrors.map { Address(name: $0.name, url: $0.url.absoluteString, feed_url: $0.url.absoluteString + Router.atom(in: ""),
                                        json_feed_url: $0.url.absoluteString + Router.json(in: "")) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(document) else { return nil }
        data.append(0x0A)
        return data
    }
}
