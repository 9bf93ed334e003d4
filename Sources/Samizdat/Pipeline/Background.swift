import Foundation

/// A value made on another thread while the caller goes on; `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    init(_ make: @escaping @Sendable () -> Value?) {
        group.enter()
        DispatchQueue.global().async {
            self.result = make()
            self.group.leave()
        }
    }

    /// The value, or nil if it could not be made.
    var value: Value? {
        group.wait()
        return result
    }
}
