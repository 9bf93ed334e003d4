import Foundation

/// The build pipeline, in named steps: lock → configuration → output check → scan →
/// (nothing changed? stop) → content → theme → site and plan → render and write → record.
///
/// Every step before writing only reads; problems from all of them are gathered and reported
/// together, and if there is any error nothing is written, so the previous output stays exactly
/// as it was. The build database (`BuildDatabase`) makes a build incremental: unchanged files
/// are not parsed again, pages whose inputs did not change are not rendered again, and files
/// whose bytes did not change are not written again. An incremental build's output is the same,
/// byte for byte, as a clean build's.
public enum Builder {
    public static func build(_ options: BuildOptions) throws(DiagnosticList) -> BuildReport {
        let started = Date()
        let siteDirectory = options.siteDirectory.standardizedFileURL
        var report = BuildReport(outputDirectory: options.resolvedOutput)
        var diagnostics: [Diagnostic] = []
        var stepStarted = started
        func finished(_ step: String) {
            let now = Date()
            report.steps.append((step, now.timeIntervalSince(stepStarted), peakMemoryMB()))
            stepStarted = now
            options.progress(step)
        }

        // Configuration first: without site.yml there is no site (and no .samizdat/ to create).
        let configFile = siteDirectory.appendingPathComponent("site.yml")
        if let problem = SiteFolder.problem(siteDirectory) { throw DiagnosticList([problem]) }
        guard let configData = FileManager.default.contents(atPath: configFile.path) else {
            throw DiagnosticList([.error("Cannot read site.yml", at: SourceLocation(file: configFile))])
        }

        // 1. One build of a site at a time. A site never built has no `.samizdat/` yet: it is
        // made only when there is something to write, so a failed first build leaves no trace.
        let stateFolder = siteDirectory.appendingPathComponent(".samizdat")
        func takeLock() throws(DiagnosticList) -> BuildLock {
            try BuildLock(siteDirectory: siteDirectory) { options.notice("Waiting for another build of this site to finish…") }
        }
        var lock = options.useDatabase && FileStamp.ofFolder(stateFolder.path) != nil ? try takeLock() : nil
        defer { withExtendedLifetime(lock) {} }

        // 2. Configuration: parsed on another thread while the sources are scanned, and waited for
        // only when there is something to build. (A build with nothing to do needs only its
        // bytes: they are those of the last complete build, which parsed them without error.)
        let parseConfiguration: @Sendable () -> (SiteConfig?, [Diagnostic]) = { [baseURL = options.baseURL] in
            var diagnostics: [Diagnostic] = []
            let config = configuration(configData, file: configFile, baseURL: baseURL, diagnostics: &diagnostics)
            return (config, diagnostics)
        }
        let configured = Background(parseConfiguration)

        // 3. The output folder must not hold or overlap the site's sources.
        let output = options.resolvedOutput
        diagnostics += OutputLocation.problems(output: output, site: siteDirectory)

        // 4. Theme: compiled only once the scan shows there is something to build (a build with
        // nothing to do never needs it: its templates are those of the last complete build, which
        // compiled them without error), on another thread while the content loads.
        let templatesDirectory = siteDirectory.appendingPathComponent("Templates")

        // What the previous build wrote: the flat file of its stamps (`OutputStamps`) is read
        // and checked against the files on other threads while the sources are scanned. Without
        // one, and for a clean build (which needs every row, to prune), the rows are read on a
        // second connection instead. Each is waited for only where it is needed.
        var database = lock == nil ? nil : openDatabase(siteDirectory, notice: options.notice)
        let stampsURL = OutputStamps.url(for: output, in: stateFolder)
        let stampsRead: Background<OutputStamps>? = database != nil && options.sink == nil && !options.clean && FileStamp.of(stampsURL.path) != nil
            ? Background { OutputStamps.read(stampsURL) } : nil
        let stampsChecked = stampsRead.map { read in Background { read.value?.changed(in: output) } }
        func readOutputs() -> Background<[String: BuildDatabase.OutputRow]> {
            Background { [url = databaseURL(siteDirectory)] in try? BuildDatabase.outputs(for: output, readingOnly: url) }
        }
        var outputsRead = database != nil && options.sink == nil && stampsRead == nil ? readOutputs() : nil
        /// Every row, on the second connection, once a build with the stamps file finds it needs them.
        func readOutputsUnlessRead() {
            if outputsRead == nil && database != nil && options.sink == nil { outputsRead = readOutputs() }
        }

        finished("configuration")
        // 5. Scan the sources, and stop here if nothing changed since the last build.
        let contentDirectory = sourceFolder("Content", hugoName: "content", in: siteDirectory, notices: &report.notices)
        let publicDirectory = sourceFolder("Public", hugoName: "static", in: siteDirectory, notices: &report.notices)
        let seen = options.sourcesSeen.flatMap { $0.site == siteDirectory ? $0 : nil }
        let scans = [contentDirectory, templatesDirectory, publicDirectory].concurrentMap { folder in
            seen?.entries(below: folder.lastPathComponent) ?? FileTree.scan(folder, includingHidden: folder == publicDirectory)
        }
        let configSHA = Digest.of(configData)
        let fingerprint = fingerprint(options: options, output: output, configSHA: configSHA, scans: scans)
        var databaseWasReset = false
        // A database that opens but cannot be read (damaged pages) is set aside like one that does not open.
        func read<T>(_ what: (BuildDatabase) throws -> T, otherwise fallback: T) -> T {
            guard let current = database else { return fallback }
            do {
                return try what(current)
            } catch {
                database = nil
                databaseWasReset = true
                database = resetDatabase(siteDirectory, reason: "it cannot be read: \(error)", notice: options.notice)
                return fallback
            }
        }
        report.details += scans[2].map(\.path).filter(Self.replaceableFiles.contains).sorted().map { path in
            "Public/\(path) replaces the generated \(path)"
        }
        let previousState = read({ try $0.state(for: output) }, otherwise: nil)
        // The stamps file is trusted only if the last complete build named it (its digest).
        let stamps = databaseWasReset ? nil : stampsRead?.value.flatMap { $0.digest == previousState?.outputStamps ? $0 : nil }
        if stamps == nil { readOutputsUnlessRead() }
        // What the last build wrote (not what the second connection read if the database was
        // found damaged and replaced since).
        func lastOutputs() -> [String: BuildDatabase.OutputRow] {
            (databaseWasReset ? nil : outputsRead?.value) ?? read({ try $0.outputs(for: output) }, otherwise: [:])
        }
        if !options.clean, !diagnostics.hasErrors, let state = previousState, state.fingerprint == fingerprint, state.nextRelease.map({ options.now < $0 }) ?? true,
           options.sink == nil {
            let (count, intact): (Int, Bool)
            if let stamps, let changed = stampsChecked?.value {
                (count, intact) = (stamps.count, changed.isEmpty)
            } else {
                let outputs = lastOutputs()
                (count, intact) = (outputs.count, OutputWriter.changedOnDisk(outputs, in: output).isEmpty)
                // The stamps file the last build recorded was lost or damaged since: made again
                // from the rows, it is the same file (same digest) when they are as recorded.
                if count > 0 && intact, let recorded = state.outputStamps {
                    let remade = OutputStamps(rows: outputs.values)
                    if remade.digest == recorded { remade.write(to: stampsURL) }
                }
            }
            if count > 0 && intact {
                report.checkedOutputStamps = stamps != nil
                report.posts = state.posts
                report.pages = state.pages
                report.heldBack = state.heldBack
                report.heldBackItems = state.heldBackItems ?? []
                report.unchanged = count
                report.warnings = state.warnings
                report.nextRelease = state.nextRelease
                report.seconds = Date().timeIntervalSince(started)
                leaveOpen(database, options: options)
                return report
            }
        }

        finished("scan")
        // The site's shape the last complete build kept (`SiteShape`), read on another thread
        // while the sources' rows are read; used if only posts' texts changed.
        let shapeURL = SiteShape.url(for: output, in: stateFolder)
        let shapeRead = !options.clean && options.sink == nil && options.inspect == nil && !databaseWasReset
            ? previousState?.shape.map { digest in Background { SiteShape.read(shapeURL, digest: digest) } } : nil
        // And the stamps of the Markdown files it read (`SourceStamps`), with the shape.
        let sourceStampsURL = SourceStamps.url(for: output, in: stateFolder)
        let sourceStampsRead = shapeRead == nil ? nil
            : previousState?.sourceStamps.map { digest in Background { SourceStamps.read(sourceStampsURL, digest: digest) } }
        // (Compiling it while the no-op check ran took a core from the scan, for nothing when
        // there was nothing to do: a tenth of the CPU of such a build of 1,000 posts.)
        let theme = Background { TemplateLibrary.load(overridesIn: templatesDirectory) }
        // Its problems come first, as the first thing read; an error in it stops the build here.
        let (parsedConfig, configProblems) = configured.value ?? parseConfiguration()
        diagnostics = configProblems + diagnostics
        guard let config = parsedConfig else { throw DiagnosticList(configProblems) }
        // The theme's problems come next, before the content's (they are added when it is ready).
        let themeProblemsAt = diagnostics.count
        // What the edit path compares: everything read but the Markdown files' stamps (digested on
        // another thread while the sources load).
        let framing = Background { [settings = [ToolIdentity.key, siteDirectory.path, output.path, configSHA, options.baseURL,
                                                options.includeDrafts ? "drafts" : "", options.includeFuture ? "future" : ""]] in
            EditPath.frame(settings, scans: scans, isMarkdown: ContentLoader.isMarkdownPath)
        }
        // The site's date formats are readied on another thread while the source rows are read
        // (on one core). (Not earlier: a build with nothing to do never needs them.)
        _ = Background { [language = config.language, timeZone = config.timeZone] in
            DateFormats.shared(language: language, timeZone: timeZone).warmUp()
        }
        // Something changed: the files the last build wrote are checked on another thread (the
        // writer needs to know which were edited by hand or removed), while the sources load and
        // the site is made, most of which runs on one core.
        // (A clean build makes every file again, and only needs to know which to prune.)
        // (With the stamps file, the check was started with the scan, and the rows are read only
        // when the edit path is not taken.)
        let outputsChecked: Background<PreviousOutputs>?
        if options.clean {
            outputsChecked = nil
        } else if let stamps, let stampsChecked {
            outputsChecked = Background { stampsChecked.value.map { PreviousOutputs(rows: nil, stamps: stamps, changedOnDisk: $0) } }
        } else {
            outputsChecked = outputsRead.map { outputsRead in
                Background { outputsRead.value.map { rows in PreviousOutputs(rows: rows, changedOnDisk: OutputWriter.changedOnDisk(rows, in: output)) } }
            }
        }
        // 6. Content, from the database where it did not change.
        let parser = ContentParser(config: config)
        var parseKey = Digest.Builder("parse")
        parseKey.add(ToolIdentity.key)
        parseKey.add(configSHA)
        parseKey.add(siteDirectory.path)
        let parseKeyDigest = parseKey.finalize()
        let checked = Int64(started.timeIntervalSince1970 * 1_000_000_000)
        let frame = framing.value ?? ""
        // With a shape kept, posts that did not change are decoded only when a page shows them,
        // unless the site is made from its posts after all (then all are decoded at once, below).
        let mayKeepShape = shapeRead != nil && !databaseWasReset && !frame.isEmpty && previousState?.frame == frame
        // Whether the files read again (`reread`, with the posts they gave) changed only posts'
        // texts, as far as they tell: then the edit path may be taken. (Only if no build of another
        // output folder, such as a mirror's, stored a file's row since this folder's last build:
        // the files read again are then all that changed for this folder.)
        func textOnlyChanges(_ loaded: ContentLoader.Loaded, cache: [String: BuildDatabase.SourceRow], generation: Int?) -> EditPath.Changes? {
            guard !options.clean, options.sink == nil, !databaseWasReset, !frame.isEmpty, previousState?.frame == frame,
                  previousState?.nextRelease.map({ options.now < $0 }) ?? true, loaded.removed.isEmpty,
                  generation != nil, previousState?.generation == generation else { return nil }
            return EditPath.textOnlyChanges(reread: loaded.reread, rereadPosts: loaded.rereadPosts, posts: loaded.posts, cache: cache,
                                            config: config, warnings: loaded.rereadDiagnostics)
        }
        // The site as the last build made it, when only posts' texts changed and they say what
        // they said (their warnings, no link to another content file): it is the same site.
        func siteFromShape(_ loaded: ContentLoader.Loaded, changes textOnly: EditPath.Changes?) -> (SiteShape, Site)? {
            guard mayKeepShape, let textOnly, textOnly.sameWarnings, !textOnly.linksToSources, let shape = shapeRead?.value ?? nil,
                  let site = Site(shape: shape, config: config, posts: loaded.posts, pages: loaded.pages, now: options.now,
                                  includeDrafts: options.includeDrafts) else { return nil }
            return (shape, site)
        }
        var loaded = ContentLoader.Loaded()
        var cache: [String: BuildDatabase.SourceRow] = [:]
        var textOnly: EditPath.Changes?
        var keptShape: SiteShape?
        var keptSite: Site?
        // The stamps of the Markdown files this build leaves (`SourceStamps`).
        var sourceStampsLeft: SourceStamps?

        // With the shape and the Markdown files' stamps the last build kept, the same files, and
        // no row stored since: only the files whose stamps moved (and the pages) are read, with
        // their rows alone. If that shows only posts' texts changed, the site is made from the
        // shape; otherwise all is read as usual.
        if mayKeepShape, let database, let kept = sourceStampsRead?.value ?? nil,
           let generation = try? database.generation(), generation == previousState?.generation {
            let files = ContentLoader.markdownFiles(scans[0], directory: contentDirectory, config: config, warnings: false).files
            if let changed = kept.changed(in: files),
               let made = ContentLoader.loadChanged(from: contentDirectory, files: files, changed: changed, posts: kept.posts, publicDirectory: publicDirectory,
                                                    parser: parser, database: database, parseKey: parseKeyDigest, checked: checked) {
                let changes = textOnlyChanges(made.loaded, cache: made.rows, generation: generation)
                if let (shape, site) = siteFromShape(made.loaded, changes: changes) {
                    (loaded, cache, textOnly, keptShape, keptSite) = (made.loaded, made.rows, changes, shape, site)
                    sourceStampsLeft = kept.updating(made.loaded.fileIndices, stamps: made.loaded.fileStamps, trusted: made.loaded.fileTrusted,
                                                     posts: made.loaded.filePosts)
                    report.readChangedSourcesOnly = true
                }
            }
        }
        // They are stored on another thread while the build goes on: the first write of a build
        // waits for the disk to sync the database's log (from under a millisecond to more than a
        // tenth of a second on a virtual machine's disk), and a clean build parses the next files
        // while the last are stored. Each store gives back the rows it could not store.
        var stores: [Background<[BuildDatabase.SourceRow]>] = []
        defer { for store in stores { _ = store.value } }
        if keptSite == nil {
            // What was parsed is recorded as it is parsed: it stays true whatever happens next, and the
            // build need not hold every record until the end (a first build has no database yet).
            // (Read first: a database found damaged while reading is replaced, and records go to the new one.)
            // (Not read ahead on another thread: a build with nothing to do, which never needs them,
            // took a third longer.)
            let generation: Int?
            (cache, generation) = options.clean ? ([:], nil) : read({ database in
                let read = try database.sourcesWithGeneration()
                return (read.rows, read.generation)
            }, otherwise: ([:], nil))
            let store: (([BuildDatabase.SourceRow]) -> Void)? = database.flatMap { database in
                options.sink != nil ? nil : { rows in
                    stores.append(Background { (try? database.commit(sources: rows, removedSources: [])) != nil ? [] : rows })
                }
            }
            loaded = ContentLoader.load(from: contentDirectory, files: scans[0], publicDirectory: publicDirectory, parser: parser,
                                        cache: cache, texts: database, parseKey: parseKeyDigest, checked: checked, store: store,
                                        decodingWhenUsed: mayKeepShape)
            textOnly = textOnlyChanges(loaded, cache: cache, generation: generation)
            if let (shape, site) = siteFromShape(loaded, changes: textOnly) {
                (keptShape, keptSite) = (shape, site)
            } else {
                loaded.decodePending()
            }
            sourceStampsLeft = SourceStamps(stamps: loaded.fileStamps, trusted: loaded.fileTrusted, posts: loaded.filePosts)
        }
        report.parsed = loaded.parsed
        // The warnings of the content and the site (kept with the shape for the next build).
        var contentDiagnostics = keptShape?.diagnostics ?? loaded.diagnostics
        diagnostics += contentDiagnostics
        // Not the edit path: the writer needs every row the last build recorded.
        if textOnly == nil { readOutputsUnlessRead() }
        var pendingSources = (changed: loaded.changed, removed: loaded.removed, unencoded: loaded.unencoded)
        if let database, options.sink == nil, !loaded.removed.isEmpty,
           (try? database.commit(sources: [], removedSources: loaded.removed)) != nil {
            pendingSources.removed = []
        }
        loaded.changed = []
        loaded.unencoded = [:]
        // The next moment the site changes by itself: a post's time comes, or one expires. (With
        // the kept shape, the dates are the last build's, and none of them came since.)
        let nextRelease: Date?
        if keptSite != nil {
            nextRelease = previousState?.nextRelease
        } else {
            let releases = options.includeFuture ? [] : loaded.posts.filter { options.includeDrafts || !$0.isDraft }.map(\.appearsAt)
            let expiries = options.includeDrafts ? [] : loaded.posts.compactMap(\.expiryDate) + loaded.pages.compactMap(\.frontMatter.expiryDate)
            nextRelease = (releases + expiries).filter { $0 > options.now }.min()
        }
        let recordDigests = loaded.digestsWhenAsked ?? RecordDigests(loaded.recordDigests)
        let texts = loaded.texts

        finished("content")
        var templates: TemplateLibrary?
        switch theme.value ?? TemplateLibrary.load(overridesIn: templatesDirectory) {
        case .success(let library): templates = library
        case .failure(let list): diagnostics.insert(contentsOf: list.diagnostics, at: themeProblemsAt)
        }
        finished("theme")
        // 7. Site and plan
        let site: Site
        let exportTime: Bool
        let links: (digest: String, warnings: [Diagnostic])
        // Whether the site's posts are as their records give them (no layout dropped, no export
        // time dropped, no link resolved, no hashtag linked again), as a kept shape requires.
        var postsAsRecorded = true
        if let keptSite {
            // (Kept only from a site without dropped layouts, export time or links: see `SiteShape`.)
            (site, exportTime, links) = (keptSite, false, (SourceLinks.noLinksDigest, []))
            report.usedKeptShape = true
        } else {
            if let templates {
                let dropped = dropUnknownLayouts(posts: &loaded.posts, pages: &loaded.pages, templates: templates)
                diagnostics += dropped
                contentDiagnostics += dropped
                postsAsRecorded = dropped.isEmpty
            }
            (loaded.posts, exportTime) = Site.withoutExportTime(loaded.posts)
            links = SourceLinks.resolve(posts: &loaded.posts, pages: &loaded.pages)
            diagnostics += links.warnings
            contentDiagnostics += links.warnings
            site = Site(config: config, posts: loaded.posts, pages: loaded.pages, now: options.now,
                        includeDrafts: options.includeDrafts, includeFuture: options.includeFuture)
            if let inspect = options.inspect {
                diagnostics += inspect(loaded.posts, loaded.pages, site)
            }
            diagnostics += site.problems
            contentDiagnostics += site.problems
            postsAsRecorded = postsAsRecorded && !exportTime && links.digest == SourceLinks.noLinksDigest
                && site.tags.allSatisfy { $0.slug == Slug.tag($0.name) }
        }
        let loadedPosts = loaded.posts.count
        loaded = ContentLoader.Loaded()
        let publicFiles = scans[2].map(\.path)
        let customStylesheet = publicFiles.contains(PageRenderer.customStylesheetPath)
        // What every page's digest holds besides its own inputs (the edit path compares it too).
        var settings = Digest.Builder("settings")
        settings.add(ToolIdentity.key)
        settings.add(configSHA)
        settings.add(options.baseURL)
        settings.add(options.includeDrafts)
        settings.add(options.includeFuture)
        settings.add(customStylesheet)
        settings.add(exportTime)
        settings.add(links.digest)
        let settingsDigest = settings.finalize()
        // The digests of what each page shows are made on another thread while the plan is made
        // and checked here (they are of no use if it has errors, which is rare).
        let digestsMade = templates.map { templates in
            // (When only posts' texts changed, the edit path will digest a few outputs: posts'
            // keys are made as they need them. It is taken in all but rare cases then: a file of
            // the output changed by hand, a post that copies a Markdown file.)
            Background { [keysWhenAsked = textOnly != nil && previousState?.settings == settingsDigest] in
                InputDigests(site: site, templates: templates, settings: settingsDigest, recordDigests: recordDigests, keysWhenAsked: keysWhenAsked)
            }
        }
        // The author's own robots.txt or 404.html (kept from an older site) wins over the generated one.
        let replaced = Set(publicFiles).intersection(Self.replaceableFiles)
        var plan = SitePlan(entries: keptShape?.plan ?? SitePlan(site: site).entries)
        if replaced.contains("404.html") { plan.entries.removeAll { $0.outputPath == "404.html" } }
        if publicFiles.contains("style.css"), templates?.assets.contains(where: { $0.path == "style.css" }) ?? false {
            diagnostics.append(.warning(
                "Public/style.css replaces the theme's whole stylesheet. To add a few rules, put them in Public/custom.css instead: pages load it after the theme's. To replace the stylesheet on purpose, move this file to Templates/style.css",
                at: SourceLocation(file: publicDirectory.appendingPathComponent("style.css"))))
        }
        let feeds = Feed.plans(for: site, updated: keptShape?.feedsUpdated)
        // The edit path: only the pages and feeds that show the changed posts are looked at. (The
        // files edited by hand are known by now: they were checked while the site was made.)
        var selection: EditPath.Selection?
        // (With the stamps file, the rows of the files to make alone are read; if they cannot
        // be, the usual path reads them all.)
        var selectedRows: [String: BuildDatabase.OutputRow]?
        // (A kept shape is only made from a site where no post copies a Markdown file.)
        let copiesMarkdown = keptShape == nil && EditPath.copiesMarkdown(site)
        if let textOnly, previousState?.settings == settingsDigest, !diagnostics.hasErrors, !copiesMarkdown,
           let checked = outputsChecked?.value, checked.changedOnDisk.isEmpty {
            selection = EditPath.selection(showing: EditPath.changedPosts(textOnly, in: site), site: site, plan: plan, feeds: feeds)
            if checked.rows == nil, let chosen = selection {
                selectedRows = try? database?.outputs(for: output, paths: chosen.entries.map { plan.entries[$0].outputPath } + chosen.feedFiles)
                if selectedRows == nil { selection = nil }
            }
        }
        // Not the edit path after all: every row the last build recorded, on the second connection.
        if selection == nil { readOutputsUnlessRead() }
        // The site's shape, kept for the next build (encoded on another thread while the site is
        // written), when its posts are as their records give them.
        // (A first build opens its database only to write: the shape is made all the same.)
        let shapeMade: Background<(data: Data, digest: String)>? = keptShape == nil && postsAsRecorded && !copiesMarkdown
            && options.sink == nil && options.inspect == nil && options.useDatabase
            ? Background { [contentDiagnostics, plan] in
                let data = SiteShape(site: site, loadedPosts: loadedPosts, plan: plan, feeds: feeds, diagnostics: contentDiagnostics).encoded()
                return (data, Digest.of(data))
            } : nil
        let media = selection != nil ? [] : unique(site.posts.flatMap(\.media) + site.pages.flatMap(\.media))
        let sitemap = selection != nil ? nil : Sitemap(plan: plan, site: site, limit: options.sitemapURLLimit)
        // (On the edit path there is no sitemap to make, and no clash to look for: the checks
        // found none with this shape last time.)
        if let sitemap {
            var claims: [SitePlan.Claim] = sitemap.paths.map { .init(path: $0, what: "generated sitemap \($0)") }
            if !replaced.contains("robots.txt") { claims.append(.init(path: "robots.txt", what: "generated robots.txt")) }
            claims += feeds.flatMap(\.files).map { .init(path: $0.path, what: "generated feed \($0.path)") }
            claims += publicFiles.map { .init(path: $0, what: "file Public/\($0)", source: SourceLocation(file: publicDirectory.appendingPathComponent($0))) }
            claims += media.map { .init(path: $0.outputPath, what: "file \($0.source.lastPathComponent) next to a post", source: SourceLocation(file: $0.source)) }
            // The theme's files and the hosts' files, unless Public/ replaces them: an alias such as
            // `/style.css` would otherwise be written to the same file at the same time. (The writer
            // counts on every file having one job.)
            let publicSet = Set(publicFiles)
            claims += (templates?.assets ?? []).filter { !publicSet.contains($0.path) }.map { .init(path: $0.path, what: "theme's file \($0.path)") }
            claims += ([ServingHints.headersPath, ServingHints.htaccessPath] + (config.mirrorsJSON() == nil ? [] : ["mirrors.json"]))
                .filter { !publicSet.contains($0) }.map { .init(path: $0, what: "generated \($0)") }
            diagnostics += plan.clashes(extraPaths: Dictionary(claims.map { ($0.path, $0.what) }, uniquingKeysWith: { first, _ in first }),
                                        extraSources: Dictionary(claims.compactMap { claim in claim.source.map { (claim.path, $0) } },
                                                                 uniquingKeysWith: { first, _ in first }))
            diagnostics += SitePlan.clashes(among: claims)
        }

        guard !diagnostics.hasErrors, let templates, let baseURL = config.baseURL else {
            throw DiagnosticList(diagnostics)
        }

        finished("site and plan")
        // 8. What to write: every file, with the digest of its inputs.
        guard let digests = digestsMade?.value else { throw DiagnosticList(diagnostics) }
        let (jobs, feedItems) = outputJobs(site: site, plan: plan, feeds: feeds, sitemap: sitemap, templates: templates, digests: digests, baseURL: baseURL,
                              publicDirectory: publicDirectory, publicFiles: publicFiles, media: media, customStylesheet: customStylesheet,
                              selection: selection)

        finished("digests")
        // 9. Write: new paths are claimed first, so a build killed part way still owns them.
        var previousOutputs: [String: BuildDatabase.OutputRow] = [:]
        var changedOnDisk: Set<String>?
        if lock == nil && options.sink == nil {
            lock = try takeLock()
            database = openDatabase(siteDirectory, notice: options.notice)
            previousOutputs = read({ try $0.outputs(for: output) }, otherwise: [:])
        } else if options.sink == nil {
            if !databaseWasReset, let checked = outputsChecked?.value {
                (previousOutputs, changedOnDisk) = (checked.rows ?? selectedRows ?? lastOutputs(), checked.changedOnDisk)
                report.checkedOutputStamps = checked.stamps != nil
            } else {
                previousOutputs = lastOutputs()
            }
        }
        // How many files the last build recorded (the edit path reads the rows of a few).
        let previousCount = selectedRows == nil ? previousOutputs.count : stamps?.count ?? previousOutputs.count
        if options.clean {
            // Everything is made again (and compared); what earlier builds wrote is still known, to prune.
            previousOutputs = previousOutputs.mapValues { row in
                var row = row
                row.inputDigest = nil
                return row
            }
        }
        let rows: [BuildDatabase.OutputRow]
        let written: OutputWriter.Report
        // New paths are claimed in the database before any file is written.
        var claimFailed: (any Error)?
        let claim: (([String]) throws(OutputWriter.Failure) -> Void)? = database.flatMap { database in
            options.sink != nil ? nil : { paths throws(OutputWriter.Failure) in
                do {
                    try database.claim(paths, in: output)
                } catch {
                    claimFailed = error
                    throw OutputWriter.Failure(path: output.path, message: "\(error)")
                }
                // A first build had no database to store its parsed files in as it parsed them:
                // they are stored now, on another thread, while the site is written, instead of
                // in the record step (a third of a second of a first build of 10,000 posts,
                // encoding them and syncing the database's log).
                if !pendingSources.changed.isEmpty {
                    let rows = pendingSources.changed
                    pendingSources.changed = []
                    stores.append(Background { [unencoded = pendingSources.unencoded] in
                        (try? database.commit(sources: ContentLoader.recorded(rows, unencoded: unencoded), removedSources: [])) != nil ? [] : rows
                    })
                }
            }
        }
        // Posts that were not parsed again read their texts as pages show them (`PostText`), one
        // query each (some 10 µs); when many pages are made again (a template changed), all are
        // read in one pass (some 3 µs each), a list page showing up to `posts_per_page` posts.
        // (The writer counts those pages in the pass it makes over the jobs anyway: counting them
        // here was a second look-up of every path, 0.16 s of an edit at 100,000 posts.)
        // (Feed items are kept for the feed files that will be made, not for every feed file.)
        let beforeMaking: (Int, [Int]) -> Void = { [posts = site.posts] changedInputs, toMake in
            feedItems.countUses(ofJobs: toMake)
            if let texts, options.readsTextsAhead ?? (changedInputs > posts.count / 4) {
                texts.readAhead(posts.map(\.text))
            }
        }
        do {
            let writer = OutputWriter(sink: options.sink ?? DiskSink(directory: output), window: options.window)
            (rows, written) = try writer.write(jobs, previous: previousOutputs, changedOnDisk: changedOnDisk, claiming: claim,
                                               beforeMaking: beforeMaking, onlyThese: selection != nil)
        } catch let failure {
            if let claimFailed {
                throw DiagnosticList(diagnostics + [.error("Cannot record the files about to be written in .samizdat/build.sqlite: \(claimFailed)")])
            }
            throw DiagnosticList(diagnostics + [.error(failure.message + " (while writing the site)", at: SourceLocation(file: URL(fileURLWithPath: failure.path)))],
                                 whileWriting: true)
        }
        // A post's text that could be read neither from the database nor from its file (removed
        // while the site was written): the pages that show it are not trusted.
        if let failures = texts?.failures, !failures.isEmpty {
            throw DiagnosticList(diagnostics + failures.sorted().map { path in
                .error("Cannot read this file again to write the pages that show it (was it removed during the build?). Build again",
                       at: SourceLocation(file: contentDirectory.appendingPathComponent(path)))
            }, whileWriting: true)
        }
        report.textsRead = texts?.reads ?? 0
        report.textsReadAhead = texts?.readAheadTexts ?? 0
        (report.feedItemsMade, report.feedItemUses, report.feedItemsLeft) = feedItems.counts
        if let error = texts?.databaseError {
            report.notices.append("Could not read posts' texts from .samizdat/build.sqlite (\(error)); they were made again from their files")
        }
        report.written = written.written
        report.unchanged = written.unchanged
        if selection != nil {
            // Every other file the last build wrote is as it was.
            report.unchanged = previousCount - written.written
            report.tookEditPath = true
        }
        report.removed = written.removed
        report.rendered = written.made
        report.posts = site.posts.count
        report.pages = site.pages.count
        report.heldBack = site.heldBack
        report.heldBackItems = site.heldBackItems
        report.warnings = diagnostics.filter { $0.severity == .warning }.sorted()
        report.nextRelease = nextRelease

        finished("render and write")
        // 10. Record what this build read and wrote.
        if let database, options.sink == nil {
            // A file changed in the last moments may change again within the same clock tick;
            // such a build is not trusted to be the last word on its sources.
            let settled = scans.allSatisfy { $0.allSatisfy { $0.stamp.isSettled(at: checked) } }
            // Only rows that changed are written again (the writer says which).
            let changedRows = written.changedRows.map { rows[$0] }.filter { previousOutputs[$0.path] != $0 }
            // The folder's stamps as the database will hold them: every job's row (stale files
            // are removed), or on the edit path the last build's with the changed rows laid over.
            let stampsLeft: OutputStamps
            if selection == nil {
                stampsLeft = OutputStamps(rows: rows)
            } else if let stamps, selectedRows != nil {
                assert(written.stale.isEmpty, "the edit path removes no file")
                stampsLeft = stamps.updating(changedRows)
            } else {
                stampsLeft = OutputStamps(rows: previousOutputs.merging(changedRows.map { ($0.path, $0) }) { _, new in new }.values)
            }
            // (Only with a shape: they are read only with it. Not when rows are dropped below, so
            // that the next build reads every row and parses those files again.)
            let sourceStampsBytes = (keptShape != nil || shapeMade != nil) && (texts?.reparsed ?? []).isEmpty ? sourceStampsLeft?.bytes : nil
            let state = BuildDatabase.BuildState(
                fingerprint: settled ? fingerprint : "", nextRelease: nextRelease, warnings: report.warnings,
                posts: report.posts, pages: report.pages, heldBack: report.heldBack, heldBackItems: report.heldBackItems,
                frame: settled ? frame : nil, settings: settingsDigest, outputStamps: stampsLeft.digest,
                shape: keptShape != nil ? previousState?.shape : shapeMade?.value?.digest, sourceStamps: sourceStampsBytes.map(Digest.of))
            do {
                let unstored = stores.flatMap { $0.value ?? [] }
                // Rows whose text was missing are dropped, to be parsed and stored whole next time.
                let reparsed = Set(texts?.reparsed ?? [])
                let sources = ContentLoader.recorded((pendingSources.changed + unstored).filter { !reparsed.contains($0.path) },
                                                     unencoded: pendingSources.unencoded)
                try database.commit(sources: sources, removedSources: pendingSources.removed + reparsed.sorted(), outputs: changedRows,
                                    removedOutputs: written.stale, for: output, state: state)
                stampsLeft.write(to: stampsURL)
                if let made = shapeMade?.value { shapeURL.replaceContents(with: made.data) }
                if let sourceStampsBytes { sourceStampsURL.replaceContents(with: sourceStampsBytes) }
            } catch {
                report.notices.append("Could not record this build in .samizdat/build.sqlite (\(error)); the next build will be a clean one")
            }
        }
        finished("record")
        // The texts' own connection is closed with the build (the posts may be kept until exit).
        texts?.close()
        report.seconds = Date().timeIntervalSince(started)
        if options.keepsMemoryUntilExit {
            KeptUntilExit.keep([site, plan, sitemap as Any, jobs, digests, feeds, scans, cache, previousOutputs, rows] as [Any])
        }
        leaveOpen(database, options: options)
        return report
    }

    /// A one-shot build exits with the database still open while its write-ahead log is small.
    ///
    /// Closing the last connection copies the log into the database and syncs both to the disk
    /// (two `fdatasync`s at the end of every build: from a few to 50 ms on a virtual machine's
    /// disk), and the next build, writing to a new log, syncs its header once more. Left open,
    /// the log is kept as SQLite keeps it after a crash: the next build reads it back when it
    /// opens the database (a few hundred pages at most), and goes on writing after it. A larger
    /// log (after a first build, or once a dozen edits have grown it) is closed as usual.
    private static func leaveOpen(_ database: BuildDatabase?, options: BuildOptions) {
        guard options.keepsMemoryUntilExit, let database, let url = database.url,
              (FileStamp.of(url.path + "-wal")?.size ?? 0) < keptLogBytes else { return }
        KeptUntilExit.keep([database])
    }

    /// The largest write-ahead log a build leaves open.
    static let keptLogBytes = 1 << 20

    /// The most memory the process has held so far (resident set), in MB.
    static func peakMemoryMB() -> Double {
        #if canImport(Darwin)
        let RUSAGE_SELF_WHO = RUSAGE_SELF
        #else
        let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
        #endif
        var usage = rusage()
        guard getrusage(RUSAGE_SELF_WHO, &usage) == 0 else { return 0 }
        #if canImport(Darwin)
        return Double(usage.ru_maxrss) / 1_048_576   // bytes
        #else
        return Double(usage.ru_maxrss) / 1024        // kilobytes
        #endif
    }

    /// Values a one-shot command lets the process exit with rather than free (see
    /// `BuildOptions.keepsMemoryUntilExit`).
    enum KeptUntilExit {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var values: [Any] = []

        static func keep(_ more: [Any]) {
            lock.withLock { values.append(contentsOf: more) }
        }
    }

    /// Every file of the output, with the digest of its inputs and how to make it: pages, feeds,
    /// sitemap and robots.txt, theme assets, serving hints, `Public/` files and posts' media.
    ///
    /// With a `selection` (the edit path), only the pages and feed files it names.
    static func outputJobs(site: Site, plan: SitePlan, feeds: [Feed], sitemap: Sitemap?, templates: TemplateLibrary, digests: InputDigests, baseURL: URL,
                           publicDirectory: URL, publicFiles: [String], media: [MediaFile], customStylesheet: Bool = false,
                           selection: EditPath.Selection? = nil) -> (jobs: [OutputJob], feedItems: FeedItems) {
        // One shared reference: a closure capturing the renderer, the templates or the page itself
        // would copy their every field into each of thousands of jobs (15 MB of a 10,000-post build,
        // and most of the time to make the jobs of an edit); each job keeps only its page's number.
        let pages = PageMaker(renderer: PageRenderer(site: site, templates: templates, customStylesheet: customStylesheet),
                              templates: templates, entries: plan.entries)
        let selected = selection.map { Array($0.entries).sorted() } ?? Array(plan.entries.indices)
        let pageDigests = selected.concurrentMap { digests.page(plan.entries[$0], site: site) }
        var jobs: [OutputJob] = []
        jobs.reserveCapacity(selected.count + 4 * feeds.count + publicFiles.count + media.count + 16)
        for (index, digest) in zip(selected, pageDigests) {
            jobs.append(OutputJob(path: plan.entries[index].outputPath, digest: digest) { () throws(OutputWriter.Failure) -> Data in
                try pages.make(index)
            })
        }
        // Feed files in the order of their oldest post, oldest first: the files that show a post
        // then follow one another closely (its tags' pages open before it, the timeline's page
        // closes after it), and each post's entries are kept only from the first of them to the
        // last (`FeedItems`), a few feeds' pages' worth at a time.
        var feedFiles = feeds.map(Shared.init).flatMap { feed in feed.value.files.map { (feed, $0) } }
        if let selection { feedFiles = feedFiles.filter { selection.feedFiles.contains($0.1.path) } }
        feedFiles = feedFiles.map { ($0, $0.0.value.posts(onPage: $0.1.page).max() ?? -1) }
            .enumerated().sorted { ($0.element.1, $1.offset) > ($1.element.1, $0.offset) }.map(\.element.0)
        let items = FeedItems(maker: Feed.ItemMaker(site: site), postCount: site.posts.count,
                              feedJobs: feedFiles.enumerated().map { (jobs.count + $0.offset, $0.element.0.value.posts(onPage: $0.element.1.page)) })
        let feedDigests = feedFiles.concurrentMap { feed, file in digests.feed(feed.value, kind: file.kind, page: file.page) }
        for ((feed, file), digest) in zip(feedFiles, feedDigests) {
            jobs.append(OutputJob(path: file.path, digest: digest) {
                feed.value.withItems(onPage: file.page, items.item).render(file.kind, page: file.page)
            })
        }
        // The edit path makes nothing else: the rest cannot have changed.
        guard let sitemap else { return (jobs, items) }
        let shared = Shared(sitemap)
        for path in shared.value.paths {
            jobs.append(OutputJob(path: path, digest: digests.sitemap(shared.value, path: path)) {
                Data(shared.value.bytes(at: path, baseURL: baseURL))
            })
        }
        let publicSet = Set(publicFiles)
        if !publicSet.contains("robots.txt") {
            jobs.append(OutputJob(OutputFile(path: "robots.txt", text: Sitemap.robots(baseURL: baseURL))))
        }
        for asset in templates.assets where !publicSet.contains(asset.path) {
            jobs.append(OutputJob(OutputFile(path: asset.path, data: asset.data)))
        }
        jobs += ServingHints.files(baseURL: baseURL, taxonomies: site.config.otherTaxonomies).filter { !publicSet.contains($0.path) }.map(OutputJob.init)
        if let mirrors = site.config.mirrorsJSON(), !publicSet.contains("mirrors.json") {
            jobs.append(OutputJob(OutputFile(path: "mirrors.json", data: mirrors)))
        }
        jobs += publicFiles.map { OutputJob(OutputFile(path: $0, copying: publicDirectory.appendingPathComponent($0))) }
        jobs += media.map { OutputJob(OutputFile(path: $0.outputPath, copying: $0.source)) }
        return (jobs, items)
    }

    /// Renders the pages of the plan, by number, for the jobs.
    final class PageMaker: Sendable {
        let renderer: PageRenderer
        let templates: TemplateLibrary
        let entries: [SitePlan.Entry]

        init(renderer: PageRenderer, templates: TemplateLibrary, entries: [SitePlan.Entry]) {
            self.renderer = renderer
            self.templates = templates
            self.entries = entries
        }

        func make(_ index: Int) throws(OutputWriter.Failure) -> Data {
            let entry = entries[index]
            do {
                return Data(try renderer.renderBytes(entry))
            } catch {
                throw OutputWriter.Failure(path: templates.file(of: entry.template)?.path ?? entry.outputPath, message: error.message)
            }
        }
    }

    /// A value kept once and shared by reference among the closures of many jobs.
    final class Shared<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Feed items made once per post, whichever feeds show it, with their entries in each format
    /// (`Feed.Item.written`).
    ///
    /// An item is kept from the first feed file that shows it to the last (`uses` counts them),
    /// so a site of 100,000 posts does not keep every item (each holds the whole post) until the
    /// end of the build. An incremental build makes only the files whose inputs changed: the
    /// writer tells which before it makes any (`countUses(ofJobs:)`), and only those are counted.
    /// Items may still wait for files that are not made (a file the writer checks and finds as
    /// it was): at most `limit` are kept, and the oldest made go first.
    final class FeedItems: @unchecked Sendable {
        private let maker: Feed.ItemMaker
        private let lock = NSLock()
        private var made: [Int: Feed.Item] = [:]
        /// Posts in the order their items were made (from `next` on), for the oldest to go first.
        private var order: [Int] = []
        private var next = 0
        private var uses: [Int]
        /// The posts each feed file's job shows, by the job's index.
        private let postsOfJob: [Int: ArraySlice<Int>]
        private let limit = 4096

        /// `feedJobs`: each feed file's job index and the posts it shows. Every file counts until
        /// `countUses(ofJobs:)` says which are made.
        init(maker: Feed.ItemMaker, postCount: Int, feedJobs: [(job: Int, posts: ArraySlice<Int>)]) {
            self.maker = maker
            postsOfJob = Dictionary(uniqueKeysWithValues: feedJobs.map { ($0.job, $0.posts) })
            uses = [Int](repeating: 0, count: postCount)
            count(feedJobs.map(\.job))
        }

        /// Counts the uses of the jobs of `toMake` alone (the writer's, before it makes any file).
        func countUses(ofJobs toMake: [Int]) {
            lock.withLock { count(toMake) }
        }

        /// `uses` and `countedUses` made again from `jobs` (under the lock, or in `init`).
        private func count(_ jobs: [Int]) {
            uses = [Int](repeating: 0, count: uses.count)
            countedUses = 0
            for job in jobs {
                guard let posts = postsOfJob[job] else { continue }
                for post in posts { uses[post] += 1 }
                countedUses += posts.count
            }
        }

        /// How many items were made, how many uses were counted, and how many are still held.
        var counts: (made: Int, uses: Int, held: Int) { lock.withLock { (makes, countedUses, made.count) } }
        private var makes = 0
        private var countedUses = 0

        func item(_ index: Int) -> Feed.Item {
            if let item = lock.withLock({ taken(index) }) { return item }
            let item = maker.item(index)
            lock.withLock {
                makes += 1
                uses[index] -= 1
                // The last use: forget the item, if another thread made and kept it meanwhile.
                guard uses[index] > 0 else {
                    made[index] = nil
                    return
                }
                guard made[index] == nil else { return }
                while made.count >= limit, next < order.count {
                    made[order[next]] = nil
                    next += 1
                }
                made[index] = item
                order.append(index)
            }
            return item
        }

        /// The item of `index` if it was made, counting this use; forgotten at its last use.
        private func taken(_ index: Int) -> Feed.Item? {
            guard let item = made[index] else { return nil }
            uses[index] -= 1
            if uses[index] <= 0 { made[index] = nil }
            return item
        }
    }

    /// Everything a build reads, by stamp: if it is what the last complete build saw, and the
    /// files that build wrote are still there as written, there is nothing to do.
    private static func fingerprint(options: BuildOptions, output: URL, configSHA: String, scans: [[FileTree.Entry]]) -> String {
        var digest = Digest.Builder("fingerprint")
        digest.add(ToolIdentity.key)
        digest.add(options.siteDirectory.standardizedFileURL.path)
        digest.add(output.path)
        digest.add(configSHA)
        digest.add(options.baseURL)
        digest.add(options.includeDrafts)
        digest.add(options.includeFuture)
        for scan in scans {
            digest.add(scan.count)
            for entry in scan {
                digest.add(entry.path)
                digest.add(entry.stamp.size)
                digest.add(Int(entry.stamp.modified))
            }
        }
        return digest.finalize()
    }

    /// What the last build wrote, and which of those files are no longer as it wrote them.
    struct PreviousOutputs: Sendable {
        /// Nil when the stamps file stood in for them (the rows are then read when needed).
        var rows: [String: BuildDatabase.OutputRow]?
        var stamps: OutputStamps? = nil
        var changedOnDisk: Set<String>
    }

    /// The build database, or nil if it cannot be used at all (the build then writes everything
    /// and prunes nothing). One that is damaged, foreign or too new is replaced, with a notice.
    private static func openDatabase(_ siteDirectory: URL, notice: (String) -> Void) -> BuildDatabase? {
        do {
            return try BuildDatabase(url: databaseURL(siteDirectory))
        } catch {
            let reason = (error as? BuildDatabase.Unusable)?.description ?? "it cannot be read: \(error)"
            return resetDatabase(siteDirectory, reason: reason, notice: notice)
        }
    }

    private static func resetDatabase(_ siteDirectory: URL, reason: String, notice: (String) -> Void) -> BuildDatabase? {
        notice("Starting a clean build: .samizdat/build.sqlite is set aside because \(reason)")
        let url = databaseURL(siteDirectory)
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: url.path + suffix)
        }
        return try? BuildDatabase(url: url)
    }

    private static func databaseURL(_ siteDirectory: URL) -> URL {
        siteDirectory.appendingPathComponent(".samizdat/build.sqlite")
    }

    /// Two posts of one page bundle share its files; they are copied once.
    private static func unique(_ media: [MediaFile]) -> [MediaFile] {
        var seen: Set<String> = []
        return media.filter { seen.insert($0.outputPath).inserted }
    }

    /// `site.yml` read, with `--base-url` laid over `base_url` (which stays the site's own
    /// address, for feed ids and threads).
    private static func configuration(_ data: Data, file: URL, baseURL override: String?, diagnostics: inout [Diagnostic]) -> SiteConfig? {
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error("site.yml is not valid UTF-8 text. Save it as UTF-8", at: SourceLocation(file: file, line: 1, column: 1)))
            return nil
        }
        // A site.yml with errors still gives a configuration (defaults for what was wrong), so the
        // content's own problems are reported in the same run; nothing is written.
        var (config, problems) = SiteConfig.parse(yaml: text, file: file)
        diagnostics += problems
        if let override {
            if let url = SiteConfig.normalizedBaseURL(override) {
                config.siteBaseURL = config.baseURL
                config.baseURL = url
            } else {
                diagnostics.append(.error(SiteConfig.baseURLMessage(override, name: "--base-url")))
            }
        } else if config.baseURL == nil, !problems.hasErrors {
            diagnostics.append(.error(
                "No 'base_url' in site.yml. Feeds and the sitemap need the site's public address: add 'base_url: https://example.org/' to site.yml, or pass --base-url",
                at: SourceLocation(file: file)))
        }
        return config
    }

    /// Generated files that a file of the same name in `Public/` replaces.
    static let replaceableFiles: Set<String> = ["robots.txt", "404.html"]

    /// `Content/` or `Public/`, or Hugo's lower-case `content/` or `static/` when only that one
    /// exists (with a notice): a Hugo site's folders build as they are.
    static func sourceFolder(_ name: String, hugoName: String, in site: URL, notices: inout [String]) -> URL {
        let folder = site.appendingPathComponent(name)
        let hugoFolder = site.appendingPathComponent(hugoName)
        guard FileStamp.ofFolder(folder.path) == nil, FileStamp.ofFolder(hugoFolder.path) != nil,
              (try? FileManager.default.contentsOfDirectory(atPath: site.path))?.contains(name) != true else { return folder }
        notices.append("Reading \(hugoName)/ as \(name)/ (there is no \(name)/ folder). Rename it to \(name)/ to silence this notice")
        return hugoFolder
    }

    /// A `layout` naming no template (Jekyll's `default`, Hugo's `single`) falls back to the
    /// usual one, with a warning.
    static func dropUnknownLayouts(posts: inout [Post], pages: inout [Page], templates: TemplateLibrary) -> [Diagnostic] {
        var result: [Diagnostic] = []
        for index in posts.indices where posts[index].layout != nil {
            if let problem = unknownLayout(posts[index].frontMatter, file: posts[index].source, templates: templates, fallback: "post") {
                result.append(problem)
                posts[index].frontMatter.layout = nil
            }
        }
        for index in pages.indices {
            if let problem = unknownLayout(pages[index].frontMatter, file: pages[index].source, templates: templates, fallback: "page") {
                result.append(problem)
                pages[index].frontMatter.layout = nil
            }
        }
        return result
    }

    private static func unknownLayout(_ matter: FrontMatter, file: URL, templates: TemplateLibrary, fallback: String) -> Diagnostic? {
        guard let layout = matter.layout, !templates.names.contains(layout) else { return nil }
        let known = templates.names.filter { !$0.contains("/") && !["base", "alias", "404"].contains($0) }.sorted()
        var message = "Unknown template '\(layout)' in 'layout'; the '\(fallback)' template was used"
        if let close = known.min(by: { editDistance($0, layout) < editDistance($1, layout) }), editDistance(close, layout) <= 2 {
            message += ". Did you mean '\(close)'?"
        } else {
            message += ". Available: \(known.map { "'\($0)'" }.joined(separator: ", ")); add Templates/\(layout).mustache to create it, or remove 'layout'"
        }
        return .warning(message, at: SourceLocation(file: file, line: matter.layoutLine, column: 1))
    }
}
