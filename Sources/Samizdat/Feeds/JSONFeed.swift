import Foundation

/// JSON Feed 1.1, paged with `next_url`: from `feed.json` to the newest of the older pages, then
/// back to `feed/1.json`, the oldest. Pages are counted from the oldest (`Paging`), so once full
/// they never change.
///
/// Keys with no value are left out, never written as `""` or `null`: a note has no `title` key.
///
/// Written byte by byte as `JSONEncoder` writes it with `.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes` (two-space indents, `"key" : value`, keys in order): the encoder was
/// most of the cost of a feed. `JSONFeedWriterTests` checks both give the same bytes.
public enum JSONFeed {
    public static func render(_ feed: Feed, page: Int) -> Data {
        var json = JSONOutput()
        json.bytes.reserveCapacity(4096 + feed.items(onPage: page).reduce(0) { $0 + $1.contentHTML.utf8.count + 1024 })
        let author = feed.author
        json.open(.object)
        if !feed.alsoAt.isEmpty {
            json.key("_samizdat")
            json.open(.object)
            json.key("mirrors")
            json.open(.array)
            for address in feed.alsoAt {
                json.element()
                json.open(.object)
                json.member("feed_url", address.jsonURL)
                json.member("home_page_url", address.homeURL)
                json.member("name", address.name)
                json.close(.object)
            }
            json.close(.array)
            json.close(.object)
        }
        json.key("author")
        json.author(author)
        json.key("authors")
        json.open(.array)
        json.element()
        json.author(author)
        json.close(.array)
        if !feed.description.isEmpty { json.member("description", feed.description) }
        if let favicon = feed.favicon { json.member("favicon", favicon) }
        json.member("feed_url", feed.absolute(feed.jsonPath(page: page)))
        json.member("home_page_url", feed.homeURL)
        if let icon = feed.icon { json.member("icon", icon) }
        json.key("items")
        json.open(.array)
        for item in feed.items(onPage: page) {
            json.element()
            json.bytes += item.written.json {
                // At the depth of `items`' elements, as they all are.
                var entry = JSONOutput(depth: 2)
                entry.item(item, author: author, timeZone: feed.timeZone)
                return entry.bytes
            }
        }
        json.close(.array)
        json.member("language", feed.language)
        if let older = feed.paging.older(than: page) { json.member("next_url", feed.absolute(feed.jsonPath(page: older))) }
        json.member("title", feed.title)
        json.member("version", "https://jsonfeed.org/version/1.1")
        json.close(.object)
        json.bytes.append(0x0A)
        return Data(json.bytes)
    }
}

/// Pretty-printed JSON as `JSONEncoder` writes it, for values written in their keys' order.
struct JSONOutput {
    enum Container { case object, array }

    var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the innermost open container has no member yet.
    private var empty = true

    init() {}

    /// Output for a value written `depth` containers deep into another (its bytes are appended
    /// there after `element()` or `key(_:)`).
    init(depth: Int) {
        self.depth = depth
    }

    mutating func open(_ container: Container) {
        bytes.append(container == .object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        depth += 1
        empty = true
    }

    mutating func close(_ container: Container) {
        depth -= 1
        if empty {
            // As the encoder writes an empty list or object: an empty line inside.
            bytes.append(0x0A)
            newLine()
        } else {
            newLine()
        }
        bytes.append(container == .object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        empty = false
    }

    /// Starts the next element of an array.
    mutating func element() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        newLine()
        empty = false
    }

    /// Starts the member `key` of an object; its value follows.
    mutating func key(_ key: String) {
        element()
        string(key)
        bytes.append(0x20)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
    }

    mutating func member(_ key: String, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func member(_ key: String, _ value: Int) {
        self.key(key)
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func newLine() {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    /// `value` as a JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or
    /// `\u00XX`; everything else, `/` and non-ASCII included, as it is.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = value.utf8
        // Runs of bytes that need no escaping are copied at once.
        let done: Bool = utf8.withContiguousStorageIfAvailable { buffer in
            appendEscaped(buffer)
            return true
        } ?? false
        if !done {
            var copy = value
            copy.makeContiguousUTF8()
            utf8 = copy.utf8
            utf8.withContiguousStorageIfAvailable { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ buffer: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<buffer.count {
            let byte = buffer[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index])) }
            start = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "u00".utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        if start < buffer.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...])) }
    }

    mutating func author(_ author: Feed.Author) {
        open(.object)
        if let avatar = author.avatar { member("avatar", avatar) }
        member("name", author.name)
        if let url = author.url { member("url", url) }
        close(.object)
    }

    mutating func item(_ item: Feed.Item, author: Feed.Author, timeZone: TimeZone) {
        open(.object)
        if let reply = item.inReplyTo {
            key("_samizdat")
            open(.object)
            member("in_reply_to", reply.url)
            member("in_reply_to_id", reply.ref)
            close(.object)
        }
        if !item.attachments.isEmpty {
            key("attachments")
            open(.array)
            for attachment in item.attachments {
                element()
                open(.object)
                member("mime_type", attachment.mimeType)
                if let size = attachment.size { member("size_in_bytes", size) }
                if let title = attachment.title { member("title", title) }
                member("url", attachment.url)
                close(.object)
            }
            close(.array)
        }
        key("author")
        self.author(author)
        key("authors")
        open(.array)
        element()
        self.author(author)
        close(.array)
        member("content_html", item.contentHTML)
        if let updated = item.updated { member("date_modified", RFC3339.string(updated, timeZone: timeZone)) }
        member("date_published", RFC3339.string(item.published, timeZone: timeZone))
        member("id", item.id)
        if let image = item.attachments.first?.url { member("image", image) }
        if let language = item.language { member("language", language) }
        member("summary", item.summary)
        if !item.tags.isEmpty {
            key("tags")
            open(.array)
            for tag in item.tags {
                element()
                string(tag)
            }
            close(.array)
        }
        if let title = item.title { member("title", title) }
        member("url", item.url)
        close(.object)
    }
}
