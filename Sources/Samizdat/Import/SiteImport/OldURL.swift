import Foundation

/// The addresses the old generator gave a file, computed the way it computes them.
enum OldURL {
    /// The calendar fields a permalink pattern uses, in the zone the old generator used.
    struct Day {
        var year: Int, month: Int, day: Int, weekday: Int, yearDay: Int, hour: Int, minute: Int, second: Int

        init(_ date: Date, zone: TimeZone) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let c = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
            year = c.year ?? 0
            month = c.month ?? 0
            day = c.day ?? 0
            weekday = (c.weekday ?? 1) - 1
            yearDay = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
            hour = c.hour ?? 0
            minute = c.minute ?? 0
            second = c.second ?? 0
        }

        init(year: Int, month: Int, day: Int, weekday: Int, yearDay: Int) {
            (self.year, self.month, self.day, self.weekday, self.yearDay) = (year, month, day, weekday, yearDay)
            (hour, minute, second) = (0, 0, 0)
        }

        /// Go's zero time, 0001-01-01 00:00 UTC (a Monday): Hugo's date of a page without one.
        static let hugoZero = Day(year: 1, month: 1, day: 1, weekday: 1, yearDay: 1)
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                             "october", "november", "december"]
    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// The zone written in a date (`Z`, `+02:00`, `-0700`, `EST`), as the old generators keep it
    /// for the day of a URL; nil when the date names none.
    static func ownZone(_ text: String) -> TimeZone? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("Z") || trimmed.hasSuffix("z") { return TimeZone(secondsFromGMT: 0) }
        if let match = trimmed.range(of: #"[+-]\d{2}:?\d{2}$"#, options: .regularExpression), trimmed[..<match.lowerBound].contains(where: \.isNumber),
           trimmed.count > 10 {
            let digits = trimmed[match].filter(\.isNumber)
            let hours = Int(digits.prefix(2)) ?? 0, minutes = Int(digits.suffix(2)) ?? 0
            let sign = trimmed[match].hasPrefix("-") ? -1 : 1
            return TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))
        }
        // Go's and Ruby's `EST`: the fixed offset the abbreviation names, whatever the season.
        if let last = trimmed.split(separator: " ").last, let hours = Self.abbreviations[String(last)] {
            return TimeZone(secondsFromGMT: hours * 3600)
        }
        return nil
    }

    static let abbreviations = ["UTC": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
                                "CET": 1, "CEST": 2, "BST": 1, "EET": 2, "EEST": 3, "JST": 9]

    /// Hugo's `urlize`: lower-cased, spaces to `-`, only letters, digits, marks and `._-~#+@/` kept.
    static func hugoURLize(_ text: String) -> String {
        var result = ""
        for character in text.trimmingCharacters(in: .whitespacesAndNewlines) {
            if character == " " {
                result.append("-")
            } else if character.isLetter || character.isNumber || character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark })
                        || "._-~#+@/".contains(character) {
                result.append(character)
            }
        }
        return result.lowercased()
    }

    /// Jekyll's `slugify` in its `pretty` mode, keeping case: anything but letters, digits and
    /// `._~!$&'()+,;=@` becomes `-`, with runs and ends trimmed.
    static func jekyllPretty(_ text: String) -> String {
        var result = ""
        for character in text {
            if (character.isASCII && (character.isLetter || character.isNumber)) || "._~!$&'()+,;=@".contains(character) {
                result.append(character)
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        return String(result.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
    }

    /// Jekyll's default `slugify`: lower-cased, anything but ASCII letters and digits becomes `-`.
    static func jekyllDefault(_ text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                result.append(character)
            } else if !result.hasSuffix("-") {
                result.append("-")
            }
        }
        return String(result.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
    }

    /// A path as a site path: one leading `/`, no `//`, and a folder (`/x/`) unless its last
    /// segment has an extension (`/x.html`).
    static func normalized(_ path: String) -> String {
        var text = path.trimmingCharacters(in: .whitespaces)
        if let scheme = text.range(of: "://") {
            // An absolute URL of the old site: its path.
            let afterHost = text[scheme.upperBound...].firstIndex(of: "/") ?? text.endIndex
            text = String(text[afterHost...])
        }
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
        var segments = text.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        segments = segments.filter { $0 != "." }
        var result = "/" + segments.joined(separator: "/")
        if result == "/" { return result }
        let last = segments.last ?? ""
        if !(last.contains(".") && !last.hasSuffix(".")) { result += "/" }
        return result
    }

    // MARK: Hugo

    struct HugoFile {
        /// Below the content folder: `post/2019/x.md`, `post/bundle/index.md`.
        var path: String
        var title: String?
        var slug: String?
        var date: Date?
        var dateZone: TimeZone
    }

    /// Where Hugo put a regular page: `url`, else the section's `permalinks` pattern, else its
    /// path with the slug for the file name (lower-cased, as Hugo does by default).
    static func hugo(_ file: HugoFile, url: String?, permalinks: [String: String], uglyURLs: Bool, microblog: Bool) -> String {
        if let url, !url.isEmpty { return normalized(url) }
        var folders = file.path.split(separator: "/").map(String.init)
        let fileName = folders.removeLast()
        var base = (fileName as NSString).deletingPathExtension
        let isBundle = base == "index"
        if isBundle, let folder = folders.popLast() { base = folder }
        let section = folders.first ?? ""
        let slugOrTitle = file.slug ?? hugoURLize(file.title ?? base)
        if microblog, let date = file.date {
            let day = Day(date, zone: file.dateZone)
            let name = Slug.withoutLeadingDate(file.slug ?? base).flatMap { $0.isEmpty ? nil : $0 } ?? (file.slug ?? base)
            return String(format: "/%04d/%02d/%02d/", day.year, day.month, day.day) + name + ".html"
        }
        if let pattern = permalinks[section], !section.isEmpty {
            var result = ""
            var index = pattern.startIndex
            // An undated page is at Go's zero time, as Hugo makes its address (`/post/0001/01/x/`).
            let day = file.date.map { Day($0, zone: file.dateZone) } ?? .hugoZero
            while index < pattern.endIndex {
                if pattern[index] == ":" {
                    let start = pattern.index(after: index)
                    let end = pattern[start...].firstIndex { !($0.isLetter || $0 == "_") } ?? pattern.endIndex
                    let name = String(pattern[start..<end])
                    let value: String?
                    switch name {
                    case "year": value = String(format: "%04d", day.year)
                    case "month": value = String(format: "%02d", day.month)
                    case "monthname": value = monthNames[max(0, day.month - 1)]
                    case "day": value = String(format: "%02d", day.day)
                    case "weekday": value = String(day.weekday)
                    case "weekdayname": value = weekdayNames[day.weekday]
                    case "yearday": value = String(day.yearDay)
                    case "section": value = section
                    case "sections": value = folders.joined(separator: "/")
                    case "title": value = hugoURLize(file.title ?? base)
                    case "slug": value = slugOrTitle
                    case "slugorfilename", "slugorcontentbasename": value = file.slug ?? base
                    case "filename", "contentbasename": value = base
                    default: value = nil
                    }
                    result += value ?? ":" + name
                    index = end
                } else {
                    result.append(pattern[index])
                    index = pattern.index(after: index)
                }
            }
            return normalized(result.lowercased())
        }
        let name = file.slug ?? base
        let path = "/" + (folders + [name]).joined(separator: "/")
        return normalized((uglyURLs ? path + ".html" : path + "/").lowercased())
    }

    // MARK: Jekyll

    /// Jekyll's named permalink styles.
    static func jekyllStyle(_ style: String?) -> String {
        switch style ?? "date" {
        case "date": return "/:categories/:year/:month/:day/:title:output_ext"
        case "pretty": return "/:categories/:year/:month/:day/:title/"
        case "ordinal": return "/:categories/:year/:y_day/:title:output_ext"
        case "weekdate": return "/:categories/:year/W:week/:short_day/:title:output_ext"
        case "none": return "/:categories/:title:output_ext"
        default: return style ?? "/:categories/:year/:month/:day/:title:output_ext"
        }
    }

    struct JekyllPost {
        /// The file name's slug (`2018-09-29-hello-world.md` → `hello-world`), or `slug`.
        var title: String
        var titleText: String?
        var categories: [String]
        var date: Date
        var zone: TimeZone
    }

    static func jekyll(_ post: JekyllPost, pattern: String) -> String {
        let day = Day(post.date, zone: post.zone)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = post.zone
        let week = calendar.component(.weekOfYear, from: post.date)
        let values: [String: String] = [
            "year": String(format: "%04d", day.year), "month": String(format: "%02d", day.month), "i_month": String(day.month),
            "day": String(format: "%02d", day.day), "i_day": String(day.day), "short_year": String(format: "%02d", day.year % 100),
            "y_day": String(format: "%03d", day.yearDay), "hour": String(format: "%02d", day.hour), "minute": String(format: "%02d", day.minute),
            "second": String(format: "%02d", day.second), "title": post.title,
            "slug": jekyllDefault(post.title), "categories": post.categories.map { $0.lowercased() }.joined(separator: "/"),
            "output_ext": ".html", "week": String(format: "%02d", week),
            "short_day": String(weekdayNames[day.weekday].prefix(3)).capitalized,
            "long_month": monthNames[max(0, day.month - 1)].capitalized, "short_month": String(monthNames[max(0, day.month - 1)].prefix(3)).capitalized,
        ]
        var result = ""
        var index = pattern.startIndex
        while index < pattern.endIndex {
            if pattern[index] == ":" {
                let start = pattern.index(after: index)
                var end = pattern[start...].firstIndex { !($0.isLetter || $0 == "_") } ?? pattern.endIndex
                // `:title:output_ext`: the longest known name wins.
                var name = String(pattern[start..<end])
                while values[name] == nil, name.contains("_"), let cut = name.lastIndex(of: "_") {
                    name = String(name[..<cut])
                    end = pattern.index(start, offsetBy: name.count)
                }
                result += values[name] ?? ":" + name
                index = end
            } else {
                result.append(pattern[index])
                index = pattern.index(after: index)
            }
        }
        return normalized(result)
    }
}
