import Foundation

/// The build pipeline: configuration → output check → theme → content → site → plan → render →
/// write.
///
/// Every step before "write" only reads; problems from all of them are gathered and reported
/// together, and if there is any error nothing is written, so the previous output stays exactly
/// as it was.
public enum Builder {
    public static func build(_ options: BuildOptions) throws(DiagnosticList) -> BuildReport {
        let started = Date()
        let siteDirectory = options.siteDirectory.standardizedFileURL
        var diagnostics: [Diagnostic] = []

        // 1. Configuration
        guard var config = loadConfig(siteDirectory, diagnostics: &diagnostics) else {
            throw DiagnosticList(diagnostics)
        }
        let configFile = siteDirectory.appendingPathComponent("site.yml")
        if let override = options.baseURL {
            if let url = SiteConfig.normalizedBaseURL(override) {
                config.siteBaseURL = config.baseURL
                config.baseURL = url
            } else {
                diagnostics.append(.error("--base-url must be an absolute http or https URL, like 'https://example.org/'; found '\(override)'"))
            }
        } else if config.baseURL == nil && !diagnostics.hasErrors {
            diagnostics.append(.error(
                "No 'base_url' in site.yml. Feeds and the sitemap need the site's public address: add 'base_url: https://example.org/' to site.yml, or pass --base-url",
                at: SourceLocation(file: configFile)))
        }

        // 2. The output folder must not hold or overlap the site's sources.
        let output = options.resolvedOutput
        diagnostics += OutputLocation.problems(output: output, site: siteDirectory)

        // 3. Theme
        var templates: TemplateLibrary?
        switch TemplateLibrary.load(overridesIn: siteDirectory.appendingPathComponent("Templates")) {
        case .success(let library): templates = library
        case .failure(let list): diagnostics += list.diagnostics
        }

        // 4. Content
        let (posts, pages, contentDiagnostics) = ContentLoader.load(
            from: siteDirectory.appendingPathComponent("Content"), publicDirectory: siteDirectory.appendingPathComponent("Public"),
            parser: ContentParser(config: config))
        diagnostics += contentDiagnostics

        // 5. Site and plan
        let site = Site(config: config, posts: posts, pages: pages, now: options.now,
                        includeDrafts: options.includeDrafts, includeFuture: options.includeFuture)
        diagnostics += site.problems
        let plan = SitePlan(site: site)
        if let templates {
            diagnostics += layoutProblems(site: site, templates: templates)
        }
        let publicDirectory = siteDirectory.appendingPathComponent("Public")
        let publicFiles = FileManager.default.fileExists(atPath: publicDirectory.path)
            ? FileTree.files(in: publicDirectory, includingHidden: true) : []
        let feedFiles = Feed.files(for: site)
        let media = unique(site.posts.flatMap(\.media) + site.pages.flatMap(\.media))
        var claims: [SitePlan.Claim] = [
            .init(path: "sitemap.xml", what: "sitemap"), .init(path: "robots.txt", what: "robots.txt"),
        ]
        claims += feedFiles.map { .init(path: $0.path, what: "feed \($0.path)") }
        claims += publicFiles.map { .init(path: $0, what: "file Public/\($0)", source: SourceLocation(file: publicDirectory.appendingPathComponent($0))) }
        claims += media.map { .init(path: $0.outputPath, what: "file \($0.source.lastPathComponent) next to a post", source: SourceLocation(file: $0.source)) }
        diagnostics += plan.clashes(extraPaths: Dictionary(claims.map { ($0.path, $0.what) }, uniquingKeysWith: { first, _ in first }))
        diagnostics += SitePlan.clashes(among: claims)

        guard !diagnostics.hasErrors, let templates, let baseURL = config.baseURL else {
            throw DiagnosticList(diagnostics)
        }

        // 6. Render
        let renderer = PageRenderer(site: site, templates: templates)
        var files = plan.entries.concurrentMap { entry in
            OutputFile(path: entry.outputPath, text: renderer.render(entry))
        }
        files.append(OutputFile(path: "sitemap.xml", text: Sitemap.xml(plan: plan, site: site, baseURL: baseURL)))
        files.append(OutputFile(path: "robots.txt", text: Sitemap.robots(baseURL: baseURL)))
        files += feedFiles
        let publicSet = Set(publicFiles)
        for asset in templates.assets where !publicSet.contains(asset.path) {
            files.append(OutputFile(path: asset.path, data: asset.data))
        }
        files += ServingHints.files(baseURL: baseURL).filter { !publicSet.contains($0.path) }
        for path in publicFiles {
            files.append(OutputFile(path: path, copying: publicDirectory.appendingPathComponent(path)))
        }
        files += media.map { OutputFile(path: $0.outputPath, copying: $0.source) }

        // 7. Write
        var report = BuildReport(outputDirectory: output)
        do {
            let database = try BuildDatabase(url: siteDirectory.appendingPathComponent(".samizdat/build.sqlite"))
            let previous = try database.manifest(for: output)
            let (manifest, written) = try OutputWriter(directory: output).write(files, previous: previous)
            try database.replaceManifest(for: output, with: manifest)
            report.written = written.written
            report.unchanged = written.unchanged
            report.removed = written.removed
        } catch let failure as OutputWriter.Failure {
            throw DiagnosticList(diagnostics + [.error(failure.message, at: SourceLocation(file: URL(fileURLWithPath: failure.path)))])
        } catch {
            throw DiagnosticList(diagnostics + [.error("Cannot use the build database in .samizdat/: \(error)")])
        }
        report.posts = site.posts.count
        report.pages = site.pages.count
        report.heldBack = site.heldBack
        report.warnings = diagnostics.filter { $0.severity == .warning }.sorted()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Two posts of one page bundle share its files; they are copied once.
    private static func unique(_ media: [MediaFile]) -> [MediaFile] {
        var seen: Set<String> = []
        return media.filter { seen.insert($0.outputPath).inserted }
    }

    private static func loadConfig(_ siteDirectory: URL, diagnostics: inout [Diagnostic]) -> SiteConfig? {
        let file = siteDirectory.appendingPathComponent("site.yml")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            diagnostics.append(.error(
                "No site.yml in \(siteDirectory.path). Run 'samizdat init' to start a site, or pass --site with the site's folder"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error("site.yml is not valid UTF-8 text. Save it as UTF-8", at: SourceLocation(file: file, line: 1, column: 1)))
            return nil
        }
        let (config, problems) = SiteConfig.parse(yaml: text, file: file)
        diagnostics += problems
        return problems.hasErrors ? nil : config
    }

    /// A `layout` in front matter must name a template that exists.
    static func layoutProblems(site: Site, templates: TemplateLibrary) -> [Diagnostic] {
        var result: [Diagnostic] = []
        let items: [(FrontMatter, URL)] = site.posts.map { ($0.frontMatter, $0.source) } + site.pages.map { ($0.frontMatter, $0.source) }
        for (matter, file) in items {
            guard let layout = matter.layout, !templates.names.contains(layout) else { continue }
            let known = templates.names.filter { !$0.contains("/") && !["base", "alias", "404"].contains($0) }.sorted()
            var message = "Unknown template '\(layout)' in 'layout'"
            if let close = known.min(by: { editDistance($0, layout) < editDistance($1, layout) }), editDistance(close, layout) <= 2 {
                message += ". Did you mean '\(close)'?"
            } else {
                message += ". Available: \(known.map { "'\($0)'" }.joined(separator: ", ")); add Templates/\(layout).mustache to create it"
            }
            result.append(.error(message, at: SourceLocation(file: file, line: matter.layoutLine, column: 1)))
        }
        return result
    }
}
