import Foundation

/// The URL pattern of posts, such as `/:year/:month/:day/:slug/`.
///
/// Tokens: `:year`, `:month`, `:day`, `:hour`, `:minute`, `:slug`. Dates are taken in the site's time
/// zone, so a post written at 00:30 in Paris lands on that Paris day.
public struct Permalink: Sendable, Equatable {
    public struct InvalidPattern: Error, Sendable {
        public var message: String
    }

    enum Part: Sendable, Equatable {
        case literal(String)
        case year, month, day, hour, minute, slug
    }

    public let pattern: String
    let parts: [Part]

    public static let `default` = try! Permalink(pattern: "/:year/:month/:day/:slug/")

    static let tokens: [(String, Part)] = [
        ("year", .year), ("month", .month), ("day", .day), ("hour", .hour), ("minute", .minute), ("slug", .slug),
    ]

    public init(pattern: String) throws(InvalidPattern) {
        guard pattern.hasPrefix("/") else {
            throw InvalidPattern(message: "'permalink' must start with '/'; found '\(pattern)'")
        }
        var parts: [Part] = []
        var literal = ""
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let character = pattern[index]
            if character == ":" {
                let nameStart = pattern.index(after: index)
                let nameEnd = pattern[nameStart...].firstIndex { !$0.isLetter } ?? pattern.endIndex
                let name = String(pattern[nameStart..<nameEnd])
                guard let part = Permalink.tokens.first(where: { $0.0 == name })?.1 else {
                    let known = Permalink.tokens.map { ":\($0.0)" }.joined(separator: ", ")
                    throw InvalidPattern(message: "Unknown permalink token ':\(name)' in '\(pattern)'. Use \(known)")
                }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                parts.append(part)
                index = nameEnd
            } else {
                literal.append(character)
                index = pattern.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        guard parts.contains(.slug) else {
            throw InvalidPattern(message: "'permalink' must contain ':slug' so that two posts of the same day get different URLs; found '\(pattern)'")
        }
        if pattern.contains("..") || pattern.contains("//") || pattern.contains("?") || pattern.contains("#") {
            throw InvalidPattern(message: "'permalink' must be a plain path like '/:year/:month/:day/:slug/'; found '\(pattern)'")
        }
        self.pattern = pattern
        self.parts = parts
    }

    /// The site-root-relative path of a post, e.g. `/2026/11/20/hello/`.
    ///
    /// A pattern that ends in a file name (`/:slug.html`) is kept as is; otherwise the path ends in `/`.
    public func path(date: Date, slug: String, timeZone: TimeZone) -> String {
        let c: (year: Int, month: Int, day: Int, hour: Int, minute: Int)
        if date >= CivilTime.gregorianSince, CivilTime.isWholeSecond(date) {
            let time = CivilTime(date, offset: timeZone.secondsFromGMT(for: date))
            c = (time.year, time.month, time.day, time.hour, time.minute)
        } else {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let components = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            c = (components.year ?? 0, components.month ?? 0, components.day ?? 0, components.hour ?? 0, components.minute ?? 0)
        }
        func two(_ n: Int) -> String { n < 10 && n >= 0 ? "0\(n)" : String(n) }
        var path = ""
        for part in parts {
            switch part {
            case .literal(let text): path += text
            case .year: path += c.year >= 1000 ? String(c.year) : String(format: "%04d", c.year)
            case .month: path += two(c.month)
            case .day: path += two(c.day)
            case .hour: path += two(c.hour)
            case .minute: path += two(c.minute)
            case .slug: path += slug
            }
        }
        if !path.hasSuffix("/") && !path.hasSuffix(".html") { path += "/" }
        return path
    }
}
