import Foundation

/// The default theme, compiled into the binary from the repository's `Templates/` folder.
///
/// Base64 keeps the generated source simple and exact for any file (templates, CSS, icons); it is
/// decoded once per process.
public enum BuiltinTheme {
    /// File contents by path below `Templates/`.
    public static let files: [String: Data] = {
        var result: [String: Data] = [:]
        for (path, encoded) in encodedFiles {
            guard let data = Data(base64Encoded: encoded) else {
                preconditionFailure("BuiltinTheme+Files.swift holds invalid base64 for \(path); run `make theme`")
            }
            result[path] = data
        }
        return result
    }()
}
