import Foundation

extension Array {
    /// `map` run on all cores: `transform` is called once per element, from several threads, and
    /// the results keep the elements' order.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] where Element: Sendable {
        let count = self.count
        // Each result is made in its slot of the new array: no optional per element, and no
        // second array to copy them into (the content step's results are hundreds of bytes each).
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                (slots.base.baseAddress! + index).initialize(to: transform(self[index]))
            }
            initialized = count
        }
    }
}

/// Distinct threads write distinct slots, so sharing the buffer is safe.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T>
}
