import Foundation

extension Post {
    /// What stands for the post's title wherever one is needed (page title, Atom `<title>`, the
    /// label of a reply's link): its title; for a note, the start of its text; for a photo-only
    /// note, its first photo's alt text; else its date.
    func displayTitle(formats: DateFormats) -> String {
        if let title { return title }
        // (Kept with the post: a list of titles reads no post's text.)
        if !excerpt.isEmpty { return excerpt }
        if let alt = photos.lazy.compactMap(\.alt).first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            return Excerpt.make(from: alt, maxLength: 60)
        }
        return formats.long(date)
    }
}
