import Foundation
import Hummingbird
import Samizdat

/// Answers requests from the served folder: GET and HEAD only, files by `RequestPath`, the
/// site's own `404.html` for what is missing, the error page while the site does not build, and
/// the reload events.
struct Responder: Sendable {
    let root: String
    let site: URL
    let state: ServeState
    let reload: LiveReload

    func respond(to request: Request) async -> Response {
        guard request.method == .get || request.method == .head else {
            return text(.methodNotAllowed, "Only GET and HEAD are served here.\n", extra: [.allow: "GET, HEAD"], head: false)
        }
        let head = request.method == .head
        let path = request.uri.path
        if path == LiveReload.eventsPath {
            return events(head: head)
        }
        switch state.status {
        case .building:
            return page(.serviceUnavailable, Data(ErrorPage.building.utf8), head: head)
        case .failed(let diagnostics):
            return page(.internalServerError, Data(ErrorPage.html(diagnostics, site: site).utf8), head: head)
        case .built:
            break
        }
        switch RequestPath.resolve(path, in: root) {
        case .badRequest:
            return text(.badRequest, "Bad request: this path cannot name a file of the site.\n", head: head)
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "no-store"])
        case .notFound:
            return notFound(head: head)
        case .file(let absolute, let relative):
            guard let data = FileManager.default.contents(atPath: absolute) else { return notFound(head: head) }
            let type = ContentType.of(relative)
            return type == ContentType.html ? page(.ok, data, head: head) : body(.ok, data, type: type, head: head)
        }
    }

    private func notFound(head: Bool) -> Response {
        if case .file(let absolute, _) = RequestPath.resolve(Router.notFound, in: root),
           let data = FileManager.default.contents(atPath: absolute) {
            return page(.notFound, data, head: head)
        }
        return text(.notFound, "Not found.\n", head: head)
    }

    /// An HTML page, with the reload script.
    private func page(_ status: HTTPResponse.Status, _ html: Data, head: Bool) -> Response {
        body(status, LiveReload.inject(into: html), type: ContentType.html, head: head)
    }

    private func text(_ status: HTTPResponse.Status, _ message: String, extra: HTTPFields = [:], head: Bool) -> Response {
        var response = body(status, Data(message.utf8), type: "text/plain; charset=utf-8", head: head)
        response.headers.append(contentsOf: extra)
        return response
    }

    private func body(_ status: HTTPResponse.Status, _ data: Data, type: String, head: Bool) -> Response {
        let headers: HTTPFields = [.contentType: type, .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff"]
        if head {
            return Response(status: status, headers: headers, body: ResponseBody(contentLength: data.count) { writer in try await writer.finish(nil) })
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The event stream: a comment at once (the tab knows it is connected), then one `reload`
    /// event per build, until the server stops.
    private func events(head: Bool) -> Response {
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-store"]
        if head { return Response(status: .ok, headers: headers) }
        let builds = reload.subscribe()
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
            for await build in builds {
                try await writer.write(ByteBuffer(string: "event: reload\ndata: \(build)\n\n"))
            }
            try await writer.finish(nil)
        })
    }
}
