import Foundation

/// Finds the files a post or page uses next to its Markdown file, and reads its photos' sizes.
///
/// - A page bundle (`posts/2026/cat/index.md` with `cat.jpg` beside it) has every file of its
///   folder copied next to its page, as Hugo does.
/// - Any post or page may point at files relative to its Markdown file, in `photos` or in
///   Markdown images; those are copied too.
/// - Photos get their width, height and type from the file's header; a missing file or one that
///   is not an image is an error naming the post, a photo without alt text a warning.
struct MediaResolver: Sendable {
    let publicDirectory: URL?

    /// - Parameter used: every file (and bundle folder) the result depends on: when one of them
    ///   changes, the post must be resolved again.
    func resolve(_ post: inout Post, used: inout [URL]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // (Made once: a post makes its file's `URL` each time it is asked.)
        let source = post.source
        var media = bundleFiles(source: source, sitePath: post.path, used: &used)
        let known = Set(media.map(\.outputPath))
        // A photo that cannot be shown is left out and the post built without it, as Hugo
        // builds a page whose image is missing; the warning says which.
        var missing: Set<Int> = []
        for index in post.photos.indices {
            let photo = post.photos[index]
            guard photo.isLocal else { continue }
            guard let file = localFile(for: photo.url, owner: source, ownerPath: post.path) else {
                diagnostics.append(.warning("Photo '\(displayName(photo.url, ownerPath: post.path))' does not exist; the post was built without it. Put the file next to \(source.lastPathComponent) or in Public/",
                                            at: location(source, key: "photos", in: post)))
                // Kept with the record: once the file is there, the post is resolved again.
                used += candidates(for: photo.url, owner: source, ownerPath: post.path)
                missing.insert(index)
                continue
            }
            guard let info = ImageInfo.read(contentsOf: file.source) else {
                diagnostics.append(.warning("Photo '\(displayName(photo.url, ownerPath: post.path))' is not an image Samizdat can read (PNG, JPEG, GIF, WebP, AVIF or SVG); the post was built without it",
                                            at: location(source, key: "photos", in: post)))
                used.append(file.source)
                missing.insert(index)
                continue
            }
            used.append(file.source)
            // Kept as the file's own name; `MediaURL` encodes it wherever it is written.
            post.photos[index].url = photo.url.removingPercentEncoding ?? photo.url
            post.photos[index].info = info
            post.photos[index].byteSize = (try? FileManager.default.attributesOfItem(atPath: file.source.path)[.size] as? NSNumber)?.intValue
            if let copy = file.copy, !known.contains(copy.outputPath) { media.append(copy) }
        }
        post.photos = post.photos.enumerated().filter { !missing.contains($0.offset) }.map(\.element)
        for photo in post.photos where (photo.alt ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            diagnostics.append(.warning("Photo '\(displayName(photo.url, ownerPath: post.path))' has no alt text. Describe it for people who cannot see it: add 'alt: …' next to its 'src'",
                                        at: location(source, key: "photos", in: post)))
        }
        diagnostics += markdownImages(post.content.images, owner: source, ownerPath: post.path, media: &media)
        post.media = unique(media)
        used += post.media.map(\.source)
        return diagnostics
    }

    func resolve(_ page: inout Page, used: inout [URL]) -> [Diagnostic] {
        var media = bundleFiles(source: page.source, sitePath: page.path, used: &used)
        let diagnostics = markdownImages(page.content.images, owner: page.source, ownerPath: page.path, media: &media)
        page.media = unique(media)
        used += page.media.map(\.source)
        return diagnostics
    }

    // MARK: -

    private func markdownImages(_ images: [String], owner: URL, ownerPath: String, media: inout [MediaFile]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let folder = folderPath(ownerPath)
        for image in images {
            let resolved = ContentParser.resolve(image.prefix { $0 != "?" && $0 != "#" }.description, basePath: folder)
            // Only images that live next to the Markdown file are ours to copy; site paths
            // (`/images/…`) come from Public/ and are checked by the link check of the output.
            guard resolved.hasPrefix(folder), !image.hasPrefix("/"), !image.contains("://") else { continue }
            if let file = localFile(for: resolved, owner: owner, ownerPath: ownerPath) {
                if let copy = file.copy { media.append(copy) }
            } else {
                diagnostics.append(.error("Image '\(image)' does not exist next to \(owner.lastPathComponent)",
                                          at: location(of: image, in: owner)))
            }
        }
        return diagnostics
    }

    /// Every non-Markdown file in the folder of an `index.md`, copied below the page's folder.
    private func bundleFiles(source: URL, sitePath: String, used: inout [URL]) -> [MediaFile] {
        guard Slug.stem(of: source) == "index" else { return [] }
        let folder = source.deletingLastPathComponent()
        used.append(folder)
        let outputFolder = String(folderPath(sitePath).dropFirst())
        return FileTree.files(in: folder)
            .filter { !ContentLoader.markdownExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .map { MediaFile(source: folder.appendingPathComponent($0), outputPath: outputFolder + $0) }
    }

    /// The file behind a site path: next to the Markdown file (and then copied) or in Public/.
    private func localFile(for sitePath: String, owner: URL, ownerPath: String) -> (source: URL, copy: MediaFile?)? {
        let folder = folderPath(ownerPath)
        let decoded = sitePath.removingPercentEncoding ?? sitePath
        if decoded.hasPrefix(folder) {
            let relative = String(decoded.dropFirst(folder.count))
            let source = owner.deletingLastPathComponent().appendingPathComponent(relative)
            guard !relative.isEmpty, !relative.contains(".."), isFile(source) else { return nil }
            return (source, MediaFile(source: source, outputPath: String(decoded.dropFirst())))
        }
        if let publicDirectory {
            let source = publicDirectory.appendingPathComponent(String(decoded.dropFirst()))
            if !decoded.contains(".."), isFile(source) { return (source, nil) }
        }
        return nil
    }

    /// Where `localFile` looks for a site path: next to the Markdown file, and in Public/.
    private func candidates(for sitePath: String, owner: URL, ownerPath: String) -> [URL] {
        let folder = folderPath(ownerPath)
        let decoded = sitePath.removingPercentEncoding ?? sitePath
        guard !decoded.contains("..") else { return [] }
        var result: [URL] = []
        if decoded.hasPrefix(folder), decoded.count > folder.count {
            result.append(owner.deletingLastPathComponent().appendingPathComponent(String(decoded.dropFirst(folder.count))))
        }
        if let publicDirectory { result.append(publicDirectory.appendingPathComponent(String(decoded.dropFirst()))) }
        return result
    }

    /// The first line of the file that mentions `reference` (the renderer keeps no positions);
    /// the file is read again only for this error.
    private func location(of reference: String, in file: URL) -> SourceLocation {
        guard let data = FileManager.default.contents(atPath: file.path) else { return SourceLocation(file: file) }
        let text = SourceText.normalizingLineEndings(String(decoding: data, as: UTF8.self))
        let needles = [reference, reference.removingPercentEncoding].compactMap { $0 }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let needle = needles.first(where: { line.contains($0) }), let range = line.range(of: needle) {
                return SourceLocation(file: file, line: index + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceLocation(file: file)
    }

    private func isFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// `/2026/11/20/cat/` for a post at that path; the folder of `/old/page.html`.
    private func folderPath(_ path: String) -> String {
        path.hasSuffix("/") ? path : String(path[...(path.lastIndex(of: "/") ?? path.startIndex)])
    }

    private func displayName(_ url: String, ownerPath: String) -> String {
        let folder = folderPath(ownerPath)
        return url.hasPrefix(folder) ? String(url.dropFirst(folder.count)) : url
    }

    private func location(_ file: URL, key: String, in post: Post) -> SourceLocation {
        SourceLocation(file: file, line: post.frontMatter.photosLine, column: 1)
    }

    private func unique(_ media: [MediaFile]) -> [MediaFile] {
        var seen: Set<String> = []
        return media.filter { seen.insert($0.outputPath).inserted }
    }
}
