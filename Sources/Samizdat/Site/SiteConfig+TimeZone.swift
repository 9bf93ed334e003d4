import Foundation

extension SiteConfig {
    /// Why a `timezone` value cannot be used.
    enum TimeZoneProblem: Error, Equatable {
        /// No time zone has that name.
        case unknown
        /// The name is known to ICU but the system has no time zone data for it (see `zone(named:)`).
        case noSystemData(identifier: String)
    }

    /// The time zone a `timezone` value names, if every part of the build can use it.
    ///
    /// On Linux `TimeZone(identifier:)` answers from ICU's data, which still knows names that
    /// the IANA database dropped (`US/Pacific-New`, `SystemV/AST4`), but `DateFormatter` goes
    /// through CoreFoundation, which loads the zone from the system's tzdata files and stops the
    /// process (SIGILL, no message) when it cannot (swift-corelibs-foundation force-unwraps
    /// `CFTimeZoneCreateWithName`). So a zone is accepted only when CoreFoundation can load it
    /// too: a fixed offset it builds itself (`GMT+0530`), or a TZif file in its zone folder that
    /// its reader accepts. On Apple platforms both answers come from one source.
    static func zone(named name: String, zoneFolder: URL? = nil) -> Result<TimeZone, TimeZoneProblem> {
        guard !name.isEmpty, let zone = TimeZone(identifier: name) else { return .failure(.unknown) }
        #if canImport(Darwin)
        return .success(zone)
        #else
        let identifier = zone.identifier
        if isFixedOffsetName(identifier) { return .success(zone) }
        let folder = zoneFolder ?? systemZoneFolder
        guard !identifier.split(separator: "/").contains(".."), !identifier.hasPrefix("/"),
              isTZifFile(folder.appendingPathComponent(identifier))
        else { return .failure(.noSystemData(identifier: identifier)) }
        return .success(zone)
        #endif
    }

    /// Where CoreFoundation reads time zones on Linux: a fixed folder (it ignores `TZDIR`).
    static let systemZoneFolder = URL(fileURLWithPath: "/usr/share/zoneinfo", isDirectory: true)

    /// `GMT±HH` or `GMT±HHMM` (hours up to 14): the fixed-offset names that CoreFoundation builds
    /// without reading a file. (`GMT` alone is read from a file like any other name.)
    static func isFixedOffsetName(_ identifier: String) -> Bool {
        let scalars = Array(identifier.unicodeScalars)
        guard scalars.count == 6 || scalars.count == 8, scalars[0] == "G", scalars[1] == "M", scalars[2] == "T",
              scalars[3] == "+" || scalars[3] == "-",
              scalars[4...].allSatisfy({ ("0"..."9").contains($0) })
        else { return false }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(scalars[$1].value - 48) } }
        return number(4..<6) <= 14 && (scalars.count == 6 || number(6..<8) <= 59)
    }

    /// Whether CoreFoundation's reader accepts the file: the same checks it makes on the TZif
    /// version 1 block (it refuses files with more than 1024 transitions, 32 types or 128
    /// characters of abbreviations, and inconsistent indexes).
    static func isTZifFile(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return false }
        return isTZifData([UInt8](data.prefix(64 * 1024)))
    }

    static func isTZifData(_ bytes: [UInt8]) -> Bool {
        let headerSize = 44
        guard bytes.count >= headerSize, bytes.starts(with: Array("TZif".utf8)) else { return false }
        func int32(at offset: Int) -> Int {
            Int(Int32(bitPattern: UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
                      | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])))
        }
        let timeCount = int32(at: 32), typeCount = int32(at: 36), charCount = int32(at: 40)
        guard typeCount > 0, timeCount >= 0, charCount >= 0, timeCount <= 1024, typeCount <= 32, charCount <= 128,
              bytes.count - headerSize >= 5 * timeCount + 6 * typeCount + charCount
        else { return false }
        let typeIndexes = headerSize + 4 * timeCount
        let types = typeIndexes + timeCount
        for index in 0..<max(timeCount, 1) {
            let type = timeCount > 0 ? Int(bytes[typeIndexes + index]) : 0
            guard type < typeCount else { return false }
            let isDST = bytes[types + 6 * type + 4], abbreviation = Int(bytes[types + 6 * type + 5])
            guard isDST <= 1, abbreviation <= charCount else { return false }
        }
        return true
    }

    /// Current names for zones the IANA database renamed or dropped, for the error message.
    static let replacedZoneNames: [String: String] = [
        "US/Pacific-New": "America/Los_Angeles",
        "SystemV/AST4": "America/Puerto_Rico", "SystemV/AST4ADT": "America/Halifax",
        "SystemV/CST6": "America/Regina", "SystemV/CST6CDT": "America/Chicago",
        "SystemV/EST5": "America/Panama", "SystemV/EST5EDT": "America/New_York",
        "SystemV/HST10": "Pacific/Honolulu",
        "SystemV/MST7": "America/Phoenix", "SystemV/MST7MDT": "America/Denver",
        "SystemV/PST8": "Pacific/Pitcairn", "SystemV/PST8PDT": "America/Los_Angeles",
        "SystemV/YST9": "Pacific/Gambier", "SystemV/YST9YDT": "America/Anchorage",
    ]

    /// The error for a `timezone` value that cannot be used, with the fix.
    static func message(for problem: TimeZoneProblem, name: String) -> String {
        switch problem {
        case .unknown:
            return "Unknown time zone '\(name)'. Use an IANA name such as 'Europe/Paris' or 'America/New_York'"
        case .noSystemData(let identifier):
            if let replacement = replacedZoneNames[name] ?? replacedZoneNames[identifier] {
                return "Time zone '\(name)' is an old name that the time zone database no longer has. Use '\(replacement)'"
            }
            return "Time zone '\(name)' has no data in \(systemZoneFolder.path) on this system. Use a current IANA name such as 'Europe/Paris', or install the time zone database (Debian: tzdata)"
        }
    }
}
