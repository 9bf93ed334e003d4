import Foundation

/// A mirror on a branch of a git repository (GitHub, Codeberg or GitLab Pages), through the
/// system `git`.
///
/// A clone lives in `.samizdat/publish/<name>/git`. Each publish fetches the branch, lays the
/// site over its tree (removing only files Samizdat published there before, so a `CNAME` or a
/// README someone committed stays), commits, and pushes without force: the new commit sits on
/// top of whatever the branch holds, whoever made it. If someone pushes to the branch between
/// the fetch and the push, the push is refused and nothing changes; publishing again starts from
/// their commit.
struct GitTransport: MirrorTransport {
    let mirror: String
    let remote: String
    let branch: String
    let clone: URL
    let runner: Subprocess
    let siteTitle: String

    init(mirror: String, remote: String, branch: String, clone: URL, environment: [String: String], siteTitle: String) {
        self.mirror = mirror
        self.remote = remote
        self.branch = branch
        self.clone = clone
        // The clone is its own repository, whatever repository (or git hook) samizdat runs in.
        runner = Subprocess(environment: environment.filter { !["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"].contains($0.key) })
        self.siteTitle = siteTitle
    }

    var isAllOrNothing: Bool { true }
    private var git: String { runner.find("git") ?? "git" }
    private var remoteRef: String { "refs/remotes/samizdat/\(branch)" }

    func check() throws(PublishError) {
        guard runner.find("git") != nil else {
            throw PublishError("Mirror '\(mirror)' needs the 'git' command, which is not installed: install it with 'apt-get install git' or from https://git-scm.com")
        }
    }

    @discardableResult
    private func run(_ arguments: [String], _ what: String) throws(PublishError) -> Subprocess.Result {
        let result: Subprocess.Result
        do {
            // The cache is its own repository, whatever repository the site folder is in.
            result = try runner.run(git, ["-C", clone.path] + arguments, extraEnvironment: ["GIT_TERMINAL_PROMPT": "0"])
        } catch {
            throw PublishError("Mirror '\(mirror)': cannot run git: \(error.localizedDescription)")
        }
        guard result.status == 0 else { throw PublishError("Mirror '\(mirror)': git failed while \(what): \(result.reason)") }
        return result
    }

    /// The clone, on the branch as the remote has it now (or on a new, empty branch).
    private func prepare() throws(PublishError) {
        if !FileManager.default.fileExists(atPath: clone.appendingPathComponent(".git").path) {
            try? FileManager.default.removeItem(at: clone)
            do {
                try FileManager.default.createDirectory(at: clone, withIntermediateDirectories: true)
            } catch {
                throw PublishError("Mirror '\(mirror)': cannot create \(clone.path): \(error.localizedDescription)")
            }
            try run(["init", "-q"], "making its cache")
        }
        _ = try? runner.run(git, ["-C", clone.path, "remote", "remove", "samizdat"])
        try run(["remote", "add", "samizdat", remote], "setting up its cache")
        let listed: Subprocess.Result
        do {
            listed = try runner.run(git, ["-C", clone.path, "ls-remote", "--heads", "samizdat", branch], extraEnvironment: ["GIT_TERMINAL_PROMPT": "0"])
        } catch {
            throw PublishError("Mirror '\(mirror)': cannot run git: \(error.localizedDescription)")
        }
        guard listed.status == 0 else { throw PublishError("Mirror '\(mirror)': cannot reach \(remote): \(listed.reason)") }
        if listed.text.contains("refs/heads/\(branch)") {
            try run(["fetch", "-q", "--no-tags", "samizdat", "+refs/heads/\(branch):\(remoteRef)"], "fetching '\(branch)'")
            try run(["checkout", "-q", "-f", "-B", "samizdat-publish", remoteRef], "checking out '\(branch)'")
        } else {
            _ = try? runner.run(git, ["-C", clone.path, "update-ref", "-d", remoteRef])
            try run(["checkout", "-q", "-f", "--orphan", "samizdat-publish"], "starting the branch '\(branch)'")
            try run(["rm", "-r", "-q", "-f", "--cached", "--ignore-unmatch", "."], "starting the branch '\(branch)'")
        }
        // Whatever a publish killed part way left in the clone goes.
        try run(["clean", "-q", "-f", "-d", "-x"], "cleaning its cache")
    }

    func send(_ files: [PublishFile], from folder: URL, window: Int, sent: @escaping @Sendable (PublishFile) -> Void) throws(PublishError) {
        try prepare()
        let mirror = mirror, clone = clone
        try forEachBounded(files, window: window) { file throws(PublishError) in
            let target = clone.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
                try FileManager.default.copyItem(at: folder.appendingPathComponent(file.path), to: target)
            } catch {
                throw PublishError("Mirror '\(mirror)': cannot copy \(file.path) into \(clone.path): \(error.localizedDescription)")
            }
        }
    }

    func delete(_ paths: [String], deleted: @escaping @Sendable (String) -> Void) throws(PublishError) {
        for path in paths {
            try? FileManager.default.removeItem(at: clone.appendingPathComponent(path))
        }
    }

    func finish(from folder: URL, sent: Int, deleted: Int) throws(PublishError) -> [String] {
        try run(["add", "-A", "."], "staging the site")
        let status = try run(["status", "--porcelain"], "staging the site")
        let hasHead = (try? runner.run(git, ["-C", clone.path, "rev-parse", "-q", "--verify", "HEAD"]))?.status == 0
        if status.text.isEmpty && hasHead {
            return []
        }
        var identity: [String] = []
        if (try? runner.run(git, ["-C", clone.path, "config", "user.email"]))?.text.isEmpty ?? true {
            identity = ["-c", "user.name=Samizdat", "-c", "user.email=samizdat@localhost"]
        }
        let message = "Publish \(siteTitle): \(sent) file\(sent == 1 ? "" : "s") changed, \(deleted) deleted\n\nMade by 'samizdat publish \(mirror)'.\n"
        try run(identity + ["commit", "-q", "--allow-empty", "-m", message], "committing the site")
        let push: Subprocess.Result
        do {
            push = try runner.run(git, ["-C", clone.path, "push", "-q", "--porcelain", "samizdat", "HEAD:refs/heads/\(branch)"], extraEnvironment: ["GIT_TERMINAL_PROMPT": "0"])
        } catch {
            throw PublishError("Mirror '\(mirror)': cannot run git: \(error.localizedDescription)")
        }
        if push.status != 0 {
            let said = push.error + push.text
            if said.contains("non-fast-forward") || said.contains("fetch first") || said.contains("rejected") {
                throw PublishError("Mirror '\(mirror)': the branch '\(branch)' of \(remote) changed while publishing (someone else pushed to it). Nothing was overwritten: run 'samizdat publish \(mirror)' again to publish on top of their commit")
            }
            throw PublishError("Mirror '\(mirror)': cannot push to \(remote): \(push.reason)")
        }
        try run(["fetch", "-q", "--no-tags", "samizdat", "+refs/heads/\(branch):\(remoteRef)"], "reading the pushed branch back")
        let head = try run(["rev-parse", "HEAD"], "reading the pushed branch back").text.trimmingCharacters(in: .whitespacesAndNewlines)
        return ["Committed \(head.prefix(12)) to '\(branch)'"]
    }

    /// Files as the branch on the remote has them now.
    func read(_ paths: [String]) throws(PublishError) -> [String: Data?] {
        try run(["fetch", "-q", "--no-tags", "samizdat", "+refs/heads/\(branch):\(remoteRef)"], "reading the pushed branch back")
        var result: [String: Data?] = [:]
        for path in paths {
            let shown = try? runner.run(git, ["-C", clone.path, "show", "\(remoteRef):\(path)"])
            result[path] = shown.flatMap { $0.status == 0 ? $0.output : nil }
        }
        return result
    }
}
