/// Every name a typed view (`TemplateObject`) answers to, as the built-in templates and the
/// README's template reference spell it.
///
/// The parser turns each part of a tag's name into a key once, so a view finds its member with a
/// `switch` over small integers, not by hashing or comparing strings on every lookup. A name that
/// is not here is no member of any typed view (dictionaries, `site.params` and `t`, still answer it).
public enum TemplateKey: String, Sendable, CaseIterable {
    // A page
    case site, t, root, nav, stylesheet, favicon, canonical, generator, feeds, posts, pagination, heading, intro
    case post, page, tags, tag, taxonomy, terms, term, years, year, months, month, article, webmention, pingback
    case hasCustomStylesheet = "has_custom_stylesheet", customStylesheet = "custom_stylesheet"
    case pageLanguage = "page_language", siteLangDiffers = "site_lang_differs", isHome = "is_home"
    case copyrightYear = "copyright_year", feedLinks = "feed_links", hasInlineStyle = "has_inline_style"
    case inlineStyle = "inline_style", pageDescription = "page_description", ogType = "og_type"
    case twitterCard = "twitter_card", hasArticle = "has_article", ogImage = "og_image", hasOGImage = "has_og_image"
    case ogLocale = "og_locale", hasWebmention = "has_webmention", hasPingback = "has_pingback"
    case hasAlsoAt = "has_also_at", alsoAt = "also_at", mirrorLinks = "mirror_links"
    case hasIntro = "has_intro", hasIntroTitle = "has_intro_title", pageTitle = "page_title", postNav = "post_nav"
    case targetURL = "target_url", targetPermalink = "target_permalink"
    // The site and its author
    case title, description, language, author, links, params
    case hasDescription = "has_description", baseURL = "base_url", hasLinks = "has_links", homeURL = "home_url"
    case name, url, avatar
    case hasName = "has_name", hasURL = "has_url", avatarAbsolute = "avatar_absolute", hasAvatar = "has_avatar"
    case displayName = "display_name", urlOrHome = "url_or_home"
    // Links, feeds, navigation
    case current, type, rss, atom, json, address, count, label
    case countLabel = "count_label", allURL = "all_url", allLabel = "all_label", yearURL = "year_url"
    case hasPages = "has_pages", hasNewer = "has_newer", hasOlder = "has_older", newerURL = "newer_url", olderURL = "older_url"
    case newer, older, timelineURL = "timeline_url"
    case publishedTime = "published_time", modifiedTime = "modified_time"
    // A post
    case excerpt, anchor, lang, uid, permalink, taxonomies, content, photos, syndication, replies, host
    case hasTitle = "has_title", displayTitle = "display_title", dateISO = "date_iso", dateDisplay = "date_display"
    case dateTimeDisplay = "date_time_display", isDraft = "is_draft", hasLang = "has_lang", hasUpdated = "has_updated"
    case hasTags = "has_tags", uidIsPermalink = "uid_is_permalink", updatedISO = "updated_iso", updatedDisplay = "updated_display"
    case hasTaxonomies = "has_taxonomies", hasMore = "has_more", inList = "in_list", isPinned = "is_pinned", isCurrent = "is_current"
    case hasReplyTo = "has_reply_to", replyTo = "reply_to", isOwn = "is_own"
    case hasPhotos = "has_photos", photoCount = "photo_count", photoRows = "photo_rows"
    case hasSyndication = "has_syndication", hasFooter = "has_footer"
    case hasReplies = "has_replies", repliesLabel = "replies_label"
    case hasThread = "has_thread", threadBefore = "thread_before", threadAfter = "thread_after", threadLabel = "thread_label"
}
