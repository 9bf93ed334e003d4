import Foundation

/// A file of the built site: its path below the output folder and where its bytes come from.
public struct OutputFile: Sendable {
    public enum Content: Sendable {
        case data(Data)
        /// A file copied as is (from `Public/`): not read into memory unless it changed.
        case copy(URL)
    }

    public var path: String
    public var content: Content

    public init(path: String, data: Data) {
        self.path = path
        self.content = .data(data)
    }

    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }

    public init(path: String, copying source: URL) {
        self.path = path
        self.content = .copy(source)
    }
}
