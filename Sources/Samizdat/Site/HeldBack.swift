import Foundation

/// A post or page a build left out, and why: what "2 held back" means.
public struct HeldBack: Sendable, Codable, Equatable, Comparable {
    public enum Reason: String, Sendable, Codable {
        /// `draft: true`; `--drafts` includes it.
        case draft
        /// Dated after the build; `--future` includes it (and a later build, once its time has come).
        case future
        /// Past its `expiryDate`; `--drafts` includes it.
        case expired
    }

    public var source: URL
    public var reason: Reason

    public init(source: URL, reason: Reason) {
        self.source = source
        self.reason = reason
    }

    public static func < (lhs: HeldBack, rhs: HeldBack) -> Bool {
        lhs.source.path < rhs.source.path
    }

    /// One line per file, paths relative to `directory`, at most `limit` of them and then
    /// "… and N more": `Content/posts/later.md: dated in the future (--future includes it)`.
    public static func describe(_ items: [HeldBack], relativeTo directory: URL?, limit: Int? = nil) -> [String] {
        let sorted = items.sorted()
        let shown = limit.map { sorted.prefix($0) } ?? sorted[...]
        var lines = shown.map { item in
            let why = switch item.reason {
            case .draft: "a draft (--drafts includes it)"
            case .future: "dated in the future (--future includes it)"
            case .expired: "past its 'expiryDate' (--drafts includes it)"
            }
            return "  " + Diagnostic.displayPath(item.source, relativeTo: directory) + ": " + why
        }
        if shown.count < sorted.count { lines.append("  … and \(sorted.count - shown.count) more (--verbose lists them all)") }
        return lines
    }
}
