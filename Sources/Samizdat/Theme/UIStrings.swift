import Foundation

/// The theme's user-interface text, per language.
///
/// Chosen by the site's `language` (its primary subtag: `fr-CA` uses `fr`), falling back to
/// English key by key; `strings` in `site.yml` overrides any key.
public enum UIStrings {
    static let table: [String: [String: String]] = [
        "en": [
            "newer_post": "Newer post",
            "older_post": "Older post",
            "back_to_timeline": "Back to the timeline",
            "post_navigation": "More posts",
            "in_reply_to": "In reply to",
            "replies_one": "1 reply",
            "replies_other": "{count} replies",
            "thread_of": "Thread of {count} posts",
            "pinned": "Pinned",
            "also_on": "Also on",
            "also_at": "Also at",
            "photos": "Photos",
            "skip_to_content": "Skip to content",
            "home": "Home",
            "archive": "Archive",
            "tags": "Tags",
            "tag_title": "Posts tagged",
            "older_posts": "Older posts",
            "newer_posts": "Newer posts",
            "page_range": "{from} – {to}",
            "posts_count_one": "1 post",
            "posts_count_other": "{count} posts",
            "posted_on": "Posted on",
            "updated_on": "Updated on",
            "permalink": "Permalink",
            "main_navigation": "Main",
            "pagination": "Pagination",
            "not_found_title": "Page not found",
            "not_found_text": "There is nothing at this address. It may have moved, or never existed.",
            "back_home": "Back to the home page",
            "redirecting": "This page has moved to",
            "elsewhere": "Elsewhere",
            "all_tags": "All tags",
            "no_posts": "Nothing here yet.",
            "powered_by": "Published with Samizdat",
            "subscribe": "Subscribe",
            "categories": "Categories",
            "categories_title": "Posts in the category",
            "all_categories": "All categories",
            "term_title": "Posts filed under",
            "continue_reading": "Continue reading",
            // Before a list ("Categories: …"): French sets a narrow no-break space before the colon.
            "colon": ":",
        ],
        "fr": [
            "newer_post": "Billet plus récent",
            "older_post": "Billet plus ancien",
            "back_to_timeline": "Retour à la chronologie",
            "post_navigation": "Autres billets",
            "in_reply_to": "En réponse à",
            "replies_one": "1 réponse",
            "replies_other": "{count} réponses",
            "thread_of": "Fil de {count} billets",
            "pinned": "Épinglé",
            "also_on": "Aussi sur",
            "also_at": "Aussi à",
            "photos": "Photos",
            "skip_to_content": "Aller au contenu",
            "home": "Accueil",
            "archive": "Archives",
            "tags": "Étiquettes",
            "tag_title": "Billets étiquetés",
            "older_posts": "Billets plus anciens",
            "newer_posts": "Billets plus récents",
            "page_range": "{from} – {to}",
            "posts_count_one": "1 billet",
            "posts_count_other": "{count} billets",
            "posted_on": "Publié le",
            "updated_on": "Mis à jour le",
            "permalink": "Lien permanent",
            "main_navigation": "Principale",
            "pagination": "Pagination",
            "not_found_title": "Page introuvable",
            "not_found_text": "Il n’y a rien à cette adresse. La page a peut-être été déplacée, ou n’a jamais existé.",
            "back_home": "Retour à l’accueil",
            "redirecting": "Cette page a été déplacée vers",
            "elsewhere": "Ailleurs",
            "all_tags": "Toutes les étiquettes",
            "no_posts": "Rien ici pour l’instant.",
            "powered_by": "Publié avec Samizdat",
            "subscribe": "S’abonner",
            "categories": "Catégories",
            "categories_title": "Billets de la catégorie",
            "all_categories": "Toutes les catégories",
            "term_title": "Billets classés dans",
            "continue_reading": "Lire la suite",
            // Before a list ("Categories: …"): French sets a narrow no-break space before the colon.
            "colon": "\u{202F}:",
        ],
        "de": [
            "newer_post": "Neuerer Beitrag",
            "older_post": "Älterer Beitrag",
            "back_to_timeline": "Zurück zur Zeitleiste",
            "post_navigation": "Weitere Beiträge",
            "in_reply_to": "Antwort auf",
            "replies_one": "1 Antwort",
            "replies_other": "{count} Antworten",
            "thread_of": "Thread mit {count} Beiträgen",
            "pinned": "Angeheftet",
            "also_on": "Auch auf",
            "also_at": "Auch unter",
            "photos": "Fotos",
            "skip_to_content": "Zum Inhalt springen",
            "home": "Startseite",
            "archive": "Archiv",
            "tags": "Schlagwörter",
            "tag_title": "Beiträge mit dem Schlagwort",
            "older_posts": "Ältere Beiträge",
            "newer_posts": "Neuere Beiträge",
            "page_range": "{from} – {to}",
            "posts_count_one": "1 Beitrag",
            "posts_count_other": "{count} Beiträge",
            "posted_on": "Veröffentlicht am",
            "updated_on": "Aktualisiert am",
            "permalink": "Permalink",
            "main_navigation": "Hauptmenü",
            "pagination": "Seitennavigation",
            "not_found_title": "Seite nicht gefunden",
            "not_found_text": "Unter dieser Adresse gibt es nichts. Die Seite wurde verschoben oder hat nie existiert.",
            "back_home": "Zurück zur Startseite",
            "redirecting": "Diese Seite ist umgezogen nach",
            "elsewhere": "Anderswo",
            "all_tags": "Alle Schlagwörter",
            "no_posts": "Noch nichts hier.",
            "powered_by": "Veröffentlicht mit Samizdat",
            "subscribe": "Abonnieren",
            "categories": "Kategorien",
            "categories_title": "Beiträge in der Kategorie",
            "all_categories": "Alle Kategorien",
            "term_title": "Beiträge unter",
            "continue_reading": "Weiterlesen",
            // Before a list ("Categories: …"): French sets a narrow no-break space before the colon.
            "colon": ":",
        ],
        "es": [
            "newer_post": "Entrada más reciente",
            "older_post": "Entrada anterior",
            "back_to_timeline": "Volver a la cronología",
            "post_navigation": "Más entradas",
            "in_reply_to": "En respuesta a",
            "replies_one": "1 respuesta",
            "replies_other": "{count} respuestas",
            "thread_of": "Hilo de {count} entradas",
            "pinned": "Fijada",
            "also_on": "También en",
            "also_at": "También en",
            "photos": "Fotos",
            "skip_to_content": "Ir al contenido",
            "home": "Inicio",
            "archive": "Archivo",
            "tags": "Etiquetas",
            "tag_title": "Entradas con la etiqueta",
            "older_posts": "Entradas anteriores",
            "newer_posts": "Entradas más recientes",
            "page_range": "{from} – {to}",
            "posts_count_one": "1 entrada",
            "posts_count_other": "{count} entradas",
            "posted_on": "Publicado el",
            "updated_on": "Actualizado el",
            "permalink": "Enlace permanente",
            "main_navigation": "Principal",
            "pagination": "Paginación",
            "not_found_title": "Página no encontrada",
            "not_found_text": "No hay nada en esta dirección. Puede que se haya movido o que nunca haya existido.",
            "back_home": "Volver al inicio",
            "redirecting": "Esta página se ha trasladado a",
            "elsewhere": "En otros sitios",
            "all_tags": "Todas las etiquetas",
            "no_posts": "Todavía no hay nada.",
            "powered_by": "Publicado con Samizdat",
            "subscribe": "Suscribirse",
            "categories": "Categorías",
            "categories_title": "Entradas de la categoría",
            "all_categories": "Todas las categorías",
            "term_title": "Entradas en",
            "continue_reading": "Seguir leyendo",
            // Before a list ("Categories: …"): French sets a narrow no-break space before the colon.
            "colon": ":",
        ],
    ]

    /// The strings for `language`, with the site's overrides applied.
    ///
    /// Pass no overrides for a language other than the site's: they are written in the site's language.
    public static func strings(for language: String, overrides: [String: String]) -> [String: String] {
        let primary = language.split(separator: "-").first.map { String($0).lowercased() } ?? "en"
        var result = english
        for (key, value) in table[primary] ?? [:] { result[key] = value }
        for (key, value) in overrides { result[key] = value }
        return result
    }

    /// The English words, which every language falls back to key by key.
    static let english: [String: String] = table["en"] ?? [:]

    /// The name of a taxonomy's page (`Categories`): the string of its name (`strings` in
    /// `site.yml` can name any taxonomy: `series: Series`), else the name itself, capitalized.
    static func taxonomyTitle(_ taxonomy: String, _ strings: [String: String]) -> String {
        strings[taxonomy] ?? (taxonomy.prefix(1).uppercased() + taxonomy.dropFirst())
    }

    /// What a term's page says before the term's name: "Posts in the category", else the
    /// words every taxonomy shares ("Posts filed under").
    static func termTitle(_ taxonomy: String, _ strings: [String: String]) -> String {
        strings[taxonomy + "_title"] ?? strings[ui: "term_title"]
    }

    /// The link from a term's page to all the terms: "All categories", else the taxonomy's name.
    static func allTerms(_ taxonomy: String, _ strings: [String: String]) -> String {
        strings["all_" + taxonomy] ?? taxonomyTitle(taxonomy, strings)
    }

    /// Fills `{name}` placeholders.
    static func format(_ template: String, _ values: [String: String]) -> String {
        var text = template
        for (key, value) in values { text = text.replacingAll("{\(key)}", with: value) }
        return text
    }
}

extension [String: String] {
    /// A theme string: the language's, else English, else the key itself (never a crash).
    subscript(ui key: String) -> String {
        self[key] ?? UIStrings.english[key] ?? key
    }
}
