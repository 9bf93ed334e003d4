import Foundation

/// What a page says about the site's other addresses (`mirrors` in `site.yml`), so readers
/// can move when one host disappears.
extension PageRenderer {
    /// `also_at` (the footer's list: each other address's home) and `mirror_links` (the same
    /// page at each other address, for `<link rel="alternate">`), with `has_also_at`.
    func addMirrors(to context: inout View, urlPath: String) {
        let others = site.config.otherAddresses
        context["has_also_at"] = .bool(!others.isEmpty)
        context["also_at"] = .list(others.map { address in
            ["name": .string(address.name), "url": .string(address.url.absoluteString),
             "address": .string(Mirror.displayAddress(address.url))]
        })
        context["mirror_links"] = .list(others.map { address in
            ["name": .string(address.name), "url": .string(Router.absolute(urlPath, base: address.url.absoluteString))]
        })
    }

    /// A page's canonical URL: on a mirror's build, the page at `base_url`.
    func canonical(_ sitePath: String) -> String {
        Router.absolute(sitePath, base: site.config.canonicalBaseURL?.absoluteString ?? "/")
    }
}
