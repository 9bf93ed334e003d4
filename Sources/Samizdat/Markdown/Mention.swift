/// An `@mention` found in the text of a post: a link to someone's profile.
///
/// `@user@instance.social` is a fediverse address and links to `https://instance.social/@user`.
/// A bare `@name` links only when the site's `mentions` mapping gives a URL for `name`.
struct Mention: Sendable, Equatable {
    /// As written, with the leading `@`.
    var text: String
    var url: String

    /// `<a class="mention u-category h-card" href="…">`: a person tag (h-card) of the h-entry.
    var openingTag: String {
        "<a class=\"mention u-category h-card\" href=\"\(HTML.escapeAttribute(url))\">"
    }

    /// A fediverse address `@user@host`.
    static func address(user: String, host: String) -> Mention {
        Mention(text: "@\(user)@\(host)", url: "https://\(host)/@\(user)")
    }

    static func invalidHostMessage(user: String, host: String) -> String {
        "Mention '@\(user)@\(host)' has an invalid server name '\(host)'"
    }

    /// Letters, digits, `_`, `.` and `-`.
    static func isUserCharacter(_ scalar: Unicode.Scalar) -> Bool {
        Hashtag.isLetter(scalar) || Hashtag.isMark(scalar) || Hashtag.isDigit(scalar) || scalar == "_" || scalar == "." || scalar == "-"
    }

    /// Whether `user` is a user name: user characters, not ending with `.` or `-`.
    static func isValidUser<S: StringProtocol>(_ user: S) -> Bool {
        guard let last = user.unicodeScalars.last, last != ".", last != "-" else { return false }
        return user.unicodeScalars.allSatisfy(isUserCharacter)
    }

    /// What may be taken as part of a server name while scanning, valid or not: a name that then
    /// turns out invalid (`exa_mple.com`) is reported whole rather than cut at the bad character.
    static func isHostCandidateCharacter(_ scalar: Unicode.Scalar) -> Bool {
        Hashtag.isLetter(scalar) || Hashtag.isMark(scalar) || Hashtag.isDigit(scalar) || scalar == "-" || scalar == "_" || scalar == "."
    }

    /// Whether `host` is a DNS name a fediverse server can have: at least two labels of letters
    /// (internationalised ones included), digits and inner hyphens, and a top-level domain of
    /// letters (or its `xn--` punycode form).
    static func isValidHost(_ host: String) -> Bool {
        guard host.unicodeScalars.count <= 253 else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            let scalars = label.unicodeScalars
            guard let first = scalars.first, let last = scalars.last, scalars.count <= 63 else { return false }
            guard first != "-", last != "-" else { return false }
            guard scalars.allSatisfy({ Hashtag.isLetter($0) || Hashtag.isMark($0) || Hashtag.isDigit($0) || $0 == "-" }) else { return false }
        }
        let topLevel = labels[labels.count - 1]
        if topLevel.lowercased().hasPrefix("xn--") {
            return topLevel.count > 4 && topLevel.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || Hashtag.isDigit($0) || $0 == "-") }
        }
        return topLevel.unicodeScalars.allSatisfy { Hashtag.isLetter($0) || Hashtag.isMark($0) }
    }
}
