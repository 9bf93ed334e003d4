import Foundation

/// Tells open browser tabs to reload, with Server-Sent Events.
///
/// Each tab's page carries `script` (added only to pages as they are served, never to the built
/// files); it opens `/__samizdat/events` and reloads on a `reload` event, sent after every build
/// (a failed one too, so the tab shows the error page, and the next good build brings it back).
final class LiveReload: @unchecked Sendable {
    static let eventsPath = "/__samizdat/events"
    static let script = """
        <script>/* samizdat serve: reload when the site is rebuilt */\
        new EventSource("\(eventsPath)").addEventListener("reload", function () { location.reload(); });</script>

        """

    private let lock = NSLock()
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]
    private var generation = 0
    private var finished = false

    /// The builds to come, numbered; ends when the server stops.
    func subscribe() -> AsyncStream<Int> {
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        let added = lock.withLock { () -> Bool in
            guard !finished else { return false }
            listeners[id] = continuation
            return true
        }
        guard added else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.lock.withLock { self?.listeners.removeValue(forKey: id) }
        }
        return stream
    }

    var listenerCount: Int { lock.withLock { listeners.count } }

    func reload() {
        let (number, targets) = lock.withLock { () -> (Int, [AsyncStream<Int>.Continuation]) in
            generation += 1
            return (generation, Array(listeners.values))
        }
        for target in targets { target.yield(number) }
    }

    /// Ends every stream, so that the server can stop without waiting for open tabs.
    func finish() {
        let targets = lock.withLock { () -> [AsyncStream<Int>.Continuation] in
            finished = true
            defer { listeners.removeAll() }
            return Array(listeners.values)
        }
        for target in targets { target.finish() }
    }

    /// `html` with the script before its last `</body>` (or at its end).
    static func inject(into html: Data) -> Data {
        let text = String(decoding: html, as: UTF8.self)
        guard let body = text.range(of: "</body>", options: [.backwards, .caseInsensitive]) else {
            return html + Data(script.utf8)
        }
        var result = text
        result.insert(contentsOf: script, at: body.lowerBound)
        return Data(result.utf8)
    }
}
