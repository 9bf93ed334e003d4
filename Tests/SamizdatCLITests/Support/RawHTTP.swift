import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// HTTP/1.1 over a plain loopback socket: the request line goes out exactly as written (clients
/// such as URLSession and curl would normalize `..` away before sending).
struct RawHTTP {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A connected socket, with reads that give up after `timeout` seconds.
    final class Connection {
        let descriptor: Int32

        init(port: Int, timeout: Int = 30) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
            var time = timeval(tv_sec: timeout, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw Failure(description: "connect to port \(port): \(reason)")
            }
        }

        deinit { close(descriptor) }

        func send(_ text: String) throws {
            let bytes = Array(text.utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
                sent += n
            }
        }

        /// Some bytes; empty at the end of the stream; throws when nothing came in time.
        func receive() throws -> [UInt8] {
            var buffer = [UInt8](repeating: 0, count: 65536)
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard n >= 0 else { throw Failure(description: "recv: \(String(cString: strerror(errno)))") }
            return Array(buffer[..<n])
        }

        /// Everything received and not yet consumed by `expect`.
        private(set) var pending = ""

        /// Reads until `text` arrives, and consumes what came up to its end; throws on timeout or
        /// when the stream ends first.
        func expect(_ text: String) throws {
            while !pending.contains(text) {
                let bytes = try receive()
                guard !bytes.isEmpty else { throw Failure(description: "connection closed before '\(text)'; got: \(pending)") }
                pending += String(decoding: bytes, as: UTF8.self)
            }
            pending = String(pending[pending.range(of: text)!.upperBound...])
        }
    }

    /// Sends `method target` and reads the whole reply (the connection is closed after it).
    static func request(port: Int, _ target: String, method: String = "GET") throws -> Reply {
        let connection = try Connection(port: port)
        try connection.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        var data: [UInt8] = []
        while true {
            let bytes = try connection.receive()
            if bytes.isEmpty { break }
            data += bytes
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no complete reply to \(target): \(text)") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line: \(head.first ?? "")") }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
