import Foundation

/// What a page says about the site's other addresses (`mirrors` in `site.yml`), so readers
/// can move when one host disappears.
extension PageRenderer {
    /// `also_at` (the footer's list: each other address's home) and `mirror_links` (the same
    /// page at each other address, for `<link rel="alternate">`); `has_also_at` is whether there are any.
    func mirrors(urlPath: String) -> (alsoAt: [TemplateValue], mirrorLinks: [TemplateValue]) {
        let others = site.config.otherAddresses
        guard !others.isEmpty else { return ([], []) }
        let alsoAt = others.map { address -> TemplateValue in
            ["name": .string(address.name), "url": .string(address.url.absoluteString),
             "address": .string(Mirror.displayAddress(address.url))]
        }
        let mirrorLinks = others.map { address in
            TemplateValue(LinkView(name: address.name, url: Router.absolute(urlPath, base: address.url.absoluteString)))
        }
        return (alsoAt, mirrorLinks)
    }

    /// A page's canonical URL: on a mirror's build, the page at `base_url`.
    func canonical(_ sitePath: String) -> String {
        Router.absolute(sitePath, base: site.config.canonicalBaseURL?.absoluteString ?? "/")
    }
}
