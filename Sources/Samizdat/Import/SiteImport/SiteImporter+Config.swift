import Foundation

extension SiteImporter {
    /// `site.yml` from the old configuration, with the time zone and `permalink` that keep most
    /// posts at their old address.
    func makeConfig(_ old: SourceSite) throws(DiagnosticList) -> (SiteConfig, String) {
        let settings = old.settings
        let zoneName = Self.zoneName(configured: settings.timeZone, dates: old.items.filter(\.isPost).compactMap(\.dateText))
        let zone = TimeZone(identifier: zoneName) ?? TimeZone(secondsFromGMT: 0)!
        let permalink = Self.bestPermalink(old.items, timeZone: zone)

        var lines = ["# Made by 'samizdat import \(kind.rawValue)' from the \(kind.name) site in \(source.path).",
                     "# Every key is described in the README; change what you like, then 'samizdat build'."]
        lines.append("title: " + YAMLText.quoted(settings.title ?? "My site"))
        if let description = settings.description { lines.append("description: " + YAMLText.quoted(description)) }
        if let base = settings.baseURL.flatMap(SiteConfig.normalizedBaseURL) {
            lines.append("base_url: " + YAMLText.quoted(base.absoluteString))
        } else {
            lines.append("base_url: \"https://example.org/\"   # the old site gave none: put its address here")
        }
        if let language = settings.language.flatMap(Self.languageTag) { lines.append("language: " + YAMLText.quoted(language)) }
        lines.append("timezone: " + YAMLText.quoted(zoneName))
        if settings.authorName != nil || settings.authorEmail != nil {
            lines.append("author:")
            if let name = settings.authorName { lines.append("  name: " + YAMLText.quoted(name)) }
            if let email = settings.authorEmail { lines.append("  email: " + YAMLText.quoted(email)) }
        }
        if let perPage = settings.perPage, perPage > 0 { lines.append("posts_per_page: \(perPage)") }
        lines.append("permalink: " + YAMLText.quoted(permalink))
        let folders = old.postFolders.isEmpty ? ["posts"] : old.postFolders
        if folders != ["posts"] { lines.append("post_folders: " + YAMLText.list(folders)) }
        let taxonomies = settings.taxonomies
        if !taxonomies.isEmpty, Set(taxonomies) != ["tags", "categories"], Set(taxonomies) != ["tags"] {
            lines.append("taxonomies: " + YAMLText.list(taxonomies))
        }
        if settings.emoji { lines += ["markdown:", "  emoji: true"] }
        let text = lines.joined(separator: "\n") + "\n"
        let (config, diagnostics) = SiteConfig.parse(yaml: text, file: site.appendingPathComponent("site.yml"))
        if diagnostics.hasErrors { throw DiagnosticList(diagnostics) }
        return (config, text)
    }

    /// `en-us` → `en-US`; nil when it is no language tag.
    static func languageTag(_ text: String) -> String? {
        let parts = text.replacingOccurrences(of: "_", with: "-").split(separator: "-").map(String.init)
        guard let first = parts.first else { return nil }
        let tag = ([first.lowercased()] + parts.dropFirst().map { $0.count == 2 ? $0.uppercased() : $0 }).joined(separator: "-")
        return SiteConfig.isLanguageTag(tag) ? tag : nil
    }

    /// The old site's zone when this system knows it; else the offset most posts were written
    /// in, as `Etc/GMT+7` (IANA's names count west as positive); else UTC.
    static func zoneName(configured: String?, dates: [String]) -> String {
        if let configured, case .success = SiteConfig.zone(named: configured) { return configured }
        var counts: [Int: Int] = [:]
        for date in dates { if let zone = OldURL.ownZone(date) { counts[zone.secondsFromGMT(), default: 0] += 1 } }
        guard let top = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              top.key != 0, top.key % 3600 == 0 else { return "UTC" }
        let offset = top.key
        let hours = -offset / 3600
        let name = "Etc/GMT" + (hours > 0 ? "+\(hours)" : "\(hours)")
        if case .success = SiteConfig.zone(named: name) { return name }
        return "UTC"
    }

    /// The pattern that gives the most posts their old address: each post's old address with its
    /// year, month, day and last segment made tokens is a candidate; the default wins ties.
    static func bestPermalink(_ items: [SourceSite.Item], timeZone: TimeZone) -> String {
        var candidates: [String] = [Permalink.default.pattern]
        var dated: [(date: Date, url: String, slug: String)] = []
        for item in items where item.isPost {
            guard let text = item.dateText, let date = DateParser.parse(text, timeZone: timeZone), let url = item.oldURLs.first else { continue }
            let day = OldURL.Day(date, zone: timeZone)
            var segments = url.split(separator: "/").map(String.init)
            guard let last = segments.popLast() else { continue }
            let html = last.hasSuffix(".html")
            let slug = html ? String(last.dropLast(5)) : last
            var used: Set<String> = []
            let tokens = segments.map { segment -> String in
                for (token, value) in [("year", String(format: "%04d", day.year)), ("month", String(format: "%02d", day.month)),
                                       ("day", String(format: "%02d", day.day))] where !used.contains(token) && segment == value {
                    used.insert(token)
                    return ":" + token
                }
                return segment.contains(":") ? "" : segment
            }
            let pattern = "/" + (tokens + [":slug" + (html ? ".html" : "/")]).joined(separator: "/")
            if !candidates.contains(pattern), (try? Permalink(pattern: pattern)) != nil { candidates.append(pattern) }
            dated.append((date, url, slug))
        }
        var best = candidates[0], bestScore = -1
        for pattern in candidates {
            guard let permalink = try? Permalink(pattern: pattern) else { continue }
            let score = dated.filter { Slug.problem(with: $0.slug) == nil && permalink.path(date: $0.date, slug: $0.slug, timeZone: timeZone) == $0.url }.count
            if score > bestScore { best = pattern; bestScore = score }
        }
        return best
    }
}
