import Foundation
import Samizdat

/// The page every tab shows while the site does not build: each problem as
/// `file:line:column: error: message`, escaped, with the reload script so the next good save
/// brings the site back.
enum ErrorPage {
    static func html(_ diagnostics: [Diagnostic], site: URL) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let items = errors.map { "<li><code>\(HTML.escape($0.formatted(relativeTo: site)))</code></li>" }
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        return page(title: "The site does not build", body: """
            <h1>The site does not build: \(count)</h1>
            <ol>\(items.joined(separator: "\n"))</ol>
            <p>Fix the file and save it: this page reloads by itself. The same list is in the terminal running <code>samizdat serve</code>.</p>
            """)
    }

    static let building = page(title: "Building…", body: "<h1>Building the site…</h1><p>This page reloads by itself when it is ready.</p>")

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · samizdat serve</title>
        <style>
        body { font: 1rem/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #222; background: #fff; }
        h1 { font-size: 1.4rem; color: #a00; }
        li { margin: 1rem 0; } code { white-space: pre-wrap; }
        code { font-size: .95rem; background: #f3f3f3; padding: 0 .2rem; }
        @media (prefers-color-scheme: dark) { body { color: #eee; background: #181818; } h1 { color: #f77; } code { background: #333; } }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
