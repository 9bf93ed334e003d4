import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One build of a site at a time: an exclusive `flock` on `.samizdat/build.lock`.
///
/// A second build waits for the first to finish (saying so), then builds from what the first
/// left. The lock belongs to the process: a build that is killed releases it.
final class BuildLock {
    private let descriptor: Int32

    /// Takes the lock, waiting for another build if needed (`waiting` is called once then).
    init(siteDirectory: URL, waiting: () -> Void) throws(DiagnosticList) {
        let folder = siteDirectory.appendingPathComponent(".samizdat")
        let file = folder.appendingPathComponent("build.lock")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticList([.error("Cannot create the folder .samizdat/ for the build database: \(error.localizedDescription)",
                                         at: SourceLocation(file: folder))])
        }
        descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DiagnosticList([.error("Cannot open the build lock: \(String(cString: strerror(errno)))", at: SourceLocation(file: file))])
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw DiagnosticList([.error("Cannot lock the build database: \(reason)", at: SourceLocation(file: file))])
                }
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
