import Foundation

extension Array {
    /// `map` run on all cores: `transform` is called once per element, from several threads, and
    /// the results keep the elements' order.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] where Element: Sendable {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(base: buffer)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.base[index] = transform(self[index])
            }
        }
        return results.map { $0! }
    }
}

/// Distinct threads write distinct slots, so sharing the buffer is safe.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T?>
}
