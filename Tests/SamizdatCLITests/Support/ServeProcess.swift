import Foundation

/// `samizdat serve --port 0` running on a test site, with its output read as it comes.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var stdout = ""
    private var stderr = ""
    private let changed = NSCondition()
    private(set) var port = 0

    init(site: TestSite, arguments: [String] = []) throws {
        process.executableURL = Paths.binary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = site.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: false) }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: true) }
        process.terminationHandler = { [weak self] _ in
            guard let self else { return }
            self.changed.lock()
            self.changed.broadcast()
            self.changed.unlock()
        }
        try process.run()
        let line = try waitForOutput(containing: "(Ctrl-C to stop)")
        guard let range = line.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression),
              let port = Int(line[range].dropFirst("http://127.0.0.1:".count).dropLast()) else {
            throw RawHTTP.Failure(description: "no address in: \(line)")
        }
        self.port = port
    }

    var output: String { lock.withLock { stdout } }
    var errors: String { lock.withLock { stderr } }

    private func append(_ data: Data, error: Bool) {
        guard !data.isEmpty else { return }
        changed.lock()
        lock.withLock {
            if error { stderr += String(decoding: data, as: UTF8.self) } else { stdout += String(decoding: data, as: UTF8.self) }
        }
        changed.broadcast()
        changed.unlock()
    }

    /// Waits (up to `seconds`) for standard output to hold `text`; returns all of it.
    @discardableResult
    func waitForOutput(containing text: String, seconds: TimeInterval = 120) throws -> String {
        try waitFor(text, in: \.output, seconds: seconds)
    }

    /// The same for standard error. (What the server wrote there before it answered a request
    /// may still be in the pipe when the answer is read.)
    @discardableResult
    func waitForErrors(containing text: String, seconds: TimeInterval = 120) throws -> String {
        try waitFor(text, in: \.errors, seconds: seconds)
    }

    private func waitFor(_ text: String, in stream: KeyPath<ServeProcess, String>, seconds: TimeInterval) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        changed.lock()
        defer { changed.unlock() }
        while !self[keyPath: stream].contains(text) {
            if !process.isRunning {
                throw RawHTTP.Failure(description: "serve exited (\(process.terminationStatus)) before '\(text)'; stdout: \(output)\nstderr: \(errors)")
            }
            if !changed.wait(until: deadline) && !self[keyPath: stream].contains(text) {
                throw RawHTTP.Failure(description: "'\(text)' never came; stdout: \(output)\nstderr: \(errors)")
            }
        }
        return self[keyPath: stream]
    }

    /// The event stream a tab listens to, once the server said it is connected.
    func openEvents() throws -> RawHTTP.Connection {
        let events = try RawHTTP.Connection(port: port, timeout: 120)
        try events.send("GET /__samizdat/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        try events.expect("text/event-stream")
        try events.expect(": connected")
        return events
    }

    /// Ctrl-C, then waits (up to a deadline) for the process to end; returns its exit status.
    func interrupt(seconds: TimeInterval = 60) -> Int32? {
        if process.isRunning { process.interrupt() }
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
