import ArgumentParser
import Samizdat

/// Which posts a build shows: `--drafts`, `--future` (build, serve, check).
struct InclusionOptions: ParsableArguments {
    @Flag(name: .long, help: "Include posts and pages marked 'draft: true'.")
    var drafts = false

    @Flag(name: .long, help: "Include posts dated in the future.")
    var future = false
}

/// Which posts a build shows and under which address: `--drafts`, `--future`, `--base-url`.
struct SelectionOptions: ParsableArguments {
    @OptionGroup var inclusion: InclusionOptions

    var drafts: Bool { inclusion.drafts }
    var future: Bool { inclusion.future }

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Publish under this address instead of base_url from site.yml.", valueName: "url"))
    var baseURL: String?

    func validate() throws {
        if let baseURL, SiteConfig.normalizedBaseURL(baseURL) == nil {
            throw ValidationError(SiteConfig.baseURLMessage(baseURL, name: "--base-url"))
        }
    }
}
