/// Splits the text of one Markdown text node into plain text, hashtags and mentions.
///
/// Works on the literal of a cmark-gfm text node, i.e. on text that is already known not to be
/// code, a link, an image or raw HTML; the renderer decides which nodes to give it.
struct SocialTextScanner: Sendable {
    enum Token: Sendable, Equatable {
        case text(String)
        case hashtag(Hashtag)
        case mention(Mention)
    }

    struct Result: Sendable, Equatable {
        var tokens: [Token]
        var problems: [String] = []

        /// Whether the text holds nothing to link, so its node can stay as it is.
        var isPlainText: Bool {
            tokens.allSatisfy { if case .text = $0 { true } else { false } }
        }
    }

    /// What a fediverse address written as `@user@host` turns into.
    enum AddressResult: Sendable, Equatable {
        case mention(Mention)
        /// Looks like a mention but the server name is not one: left as text, with this message.
        case invalidHost(String)
        /// Not a mention at all (e.g. the user part has characters user names cannot have).
        case none
    }

    /// URLs for bare `@name` mentions, keyed by lower-cased name without `@`.
    let mentionURLs: [String: String]

    /// Whether `#word` is a hashtag at all.
    let hashtags: Bool

    init(mentions: [String: String] = [:], hashtags: Bool = true) {
        self.hashtags = hashtags
        var urls: [String: String] = [:]
        // Sorted so that, if two keys differ only by case, the same one wins on every run.
        for (name, url) in mentions.sorted(by: { $0.key < $1.key }) {
            var key = Substring(name.trimmingWhitespace())
            if key.hasPrefix("@") { key = key.dropFirst() }
            guard !key.isEmpty else { continue }
            let lowered = key.lowercased()
            if urls[lowered] == nil { urls[lowered] = url }
        }
        mentionURLs = urls
    }

    /// Whether a `#` or `@` after `previous` starts a word: at the start of a block (nil), after
    /// whitespace or after opening punctuation — brackets, quotes, `¡`, `¿`.
    static func startsWord(after previous: Unicode.Scalar?) -> Bool {
        guard let previous else { return true }
        if previous.properties.isWhitespace { return true }
        // `{#id}` is an attribute list or a template, never a tag.
        if previous == "{" { return false }
        switch previous.properties.generalCategory {
        case .openPunctuation, .initialPunctuation, .finalPunctuation:
            // Final quotes open quotations in some languages (»Swedish», ”Finnish”).
            return true
        default:
            return previous == "\"" || previous == "'" || previous == "¡" || previous == "¿"
        }
    }

    /// Finds the hashtags and mentions of `scalars`.
    ///
    /// - Parameters:
    ///   - escaped: for each scalar, whether the author wrote it as a backslash escape or an entity
    ///     (`\#`, `&#35;`): such a `#` or `@` never starts a hashtag or a mention. Empty when unknown.
    ///   - previous: the character before the text in its block; nil at the start of the block.
    ///   - followedByCode: a code span follows the text without a space: a hashtag at its very end
    ///     is glued to code (`` #include`<stdio.h>` ``), not a tag.
    func scan(_ scalars: [Unicode.Scalar], escaped: [Bool] = [], previous: Unicode.Scalar?, followedByCode: Bool = false) -> Result {
        var result = Result(tokens: [])
        var textStart = 0
        var index = 0

        func flushText(upTo end: Int) {
            if textStart < end { result.tokens.append(.text(String(scalars: scalars[textStart..<end]))) }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            guard (scalar == "#" && hashtags) || scalar == "@",
                  !(index < escaped.count && escaped[index]),
                  Self.startsWord(after: index == 0 ? previous : scalars[index - 1])
            else {
                index += 1
                continue
            }
            if scalar == "#" {
                guard let end = Hashtag.nameEnd(in: scalars, hash: index) else {
                    index += 1
                    continue
                }
                let name = String(scalars: scalars[(index + 1)..<end])
                if Hashtag.isHexColour(name) || (end == scalars.count && followedByCode) {
                    // `#ccc`, `#fff000`: a colour in prose about CSS.
                } else if name.count > Hashtag.maximumLength {
                    result.problems.append(Hashtag.tooLongMessage(name: name))
                } else {
                    let slug = Slug.tag(name)
                    if !slug.isEmpty {
                        flushText(upTo: index)
                        result.tokens.append(.hashtag(Hashtag(name: name, slug: slug)))
                        textStart = end
                    }
                }
                index = end
            } else {
                let (end, found) = scanMention(scalars, at: index)
                switch found {
                case .mention(let mention):
                    flushText(upTo: index)
                    result.tokens.append(.mention(mention))
                    textStart = end
                case .invalidHost(let message):
                    result.problems.append(message)
                case .none:
                    break
                }
                index = end
            }
        }
        flushText(upTo: scalars.count)
        return result
    }

    /// The mention whose `@` is at `at`, and where scanning resumes.
    private func scanMention(_ scalars: [Unicode.Scalar], at: Int) -> (Int, AddressResult) {
        let userStart = at + 1
        var runEnd = userStart
        while runEnd < scalars.count, Mention.isUserCharacter(scalars[runEnd]) { runEnd += 1 }
        // Sentence punctuation after a name is not part of it: "thanks @bob."
        var userEnd = runEnd
        while userEnd > userStart, scalars[userEnd - 1] == "." || scalars[userEnd - 1] == "-" { userEnd -= 1 }
        guard userEnd > userStart else { return (at + 1, .none) }
        let user = String(scalars: scalars[userStart..<userEnd])

        if userEnd == runEnd, userEnd < scalars.count, scalars[userEnd] == "@" {
            let hostStart = userEnd + 1
            var hostEnd = hostStart
            while hostEnd < scalars.count, Mention.isHostCandidateCharacter(scalars[hostEnd]) { hostEnd += 1 }
            while hostEnd > hostStart, scalars[hostEnd - 1] == "." { hostEnd -= 1 }
            guard hostEnd > hostStart else { return (userEnd, .none) }
            let host = String(scalars: scalars[hostStart..<hostEnd])
            return (hostEnd, Self.address(user: user, host: host))
        }
        if let url = mentionURLs[user.lowercased()] {
            return (userEnd, .mention(Mention(text: "@" + user, url: url)))
        }
        return (userEnd, .none)
    }

    /// `@user@host`, checked: a valid user and server name make a mention.
    static func address(user: String, host: String) -> AddressResult {
        guard Mention.isValidUser(user) else { return .none }
        guard Mention.isValidHost(host) else { return .invalidHost(Mention.invalidHostMessage(user: user, host: host)) }
        return .mention(.address(user: user, host: host))
    }
}

private extension String {
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }
}
