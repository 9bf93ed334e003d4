#!/usr/bin/env python3
"""Deterministic benchmark corpus: the same posts as a Samizdat site and as a Hugo site.

    python3 Benchmarks/generate.py --posts 10000 --out .build/bench/10000

writes DIR/samizdat/ (site.yml, Content/posts/YYYY/MM/<slug>.md, Templates/post.mustache) and
DIR/hugo/ (config.toml, content/posts/YYYY/MM/<slug>.md, themes/bench copied from
Benchmarks/hugo-theme). `--flavor samizdat` or `--flavor hugo` writes only one tree, straight
into DIR. Pure standard library, fixed seed: the same N gives byte-identical files on every run.

The mix: mostly short notes (1-3 sentences, no title, some hashtags, @mentions and links); about
15% articles (title, headings, a list, a code block, a table, links); about 20% in French
(`lang: fr`); tags drawn Zipf-like from 60; dates spread from 2019 to mid-2026; about 3% replies
whose `reply_to` is the absolute URL of an earlier post of the site.

Both engines must see the same pages, so:
- every hashtag written in a body is also listed in the post's `tags` (Samizdat counts hashtags
  as tags, Hugo does not read them);
- file names are already slugs ([a-z0-9-]), so Samizdat's slug (the file name) and Hugo's
  `:filename` permalink token agree;
- dates carry the Europe/Paris offset of their day, the site's time zone in both configs, so
  the `/:year/:month/:day/` of a URL is the same day for both;
- tags are lower-case ASCII, so Samizdat's tag slug and Hugo's urlize agree;
- only the rename target of the tag-rename scenario (`RENAME_TAG`) never appears as a hashtag.
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sys
import unicodedata
from zoneinfo import ZoneInfo

SEED = 20261126
BASE_URL = "https://bench.example/"
TZ = ZoneInfo("Europe/Paris")
START = dt.datetime(2019, 1, 1, 7, 0, tzinfo=TZ)
END = dt.datetime(2026, 6, 30, 22, 0, tzinfo=TZ)
# The date of the post the "one post added" scenario writes: after every generated post, and in
# the past (Samizdat holds back future posts).
ADDED_DATE = "2026-07-01T09:15:00+02:00"

TAGS = [
    "indieweb", "swift", "cycling", "lyon", "coffee", "books", "linux", "photography", "music",
    "cooking", "python", "privacy", "web", "trains", "open-source", "rust", "hiking", "climate",
    "garden", "cinema", "design", "typography", "accessibility", "css", "rss", "mastodon",
    "podcasts", "running", "jazz", "bread", "tea", "cats", "writing", "poetry", "history",
    "science", "astronomy", "math", "chess", "games", "football", "art", "museums",
    "architecture", "urbanism", "energy", "velo", "cuisine", "lecture", "static-sites", "sqlite",
    "markdown", "emacs", "vim", "keyboards", "radio", "maps", "birds", "weather", "tools",
]
# Hashtags are written only for the most common tags, never for a hyphenated one (Samizdat reads
# `#open-source` as the hashtag `#open`); the renamed tag (rank 40) is never one.
HASHTAG_TAGS = [tag for tag in TAGS[:30] if "-" not in tag]
RENAME_TAG = TAGS[39]          # "games"
RENAMED_TAG = "video-games"
ZIPF = [1.0 / (rank + 1) for rank in range(len(TAGS))]

MENTIONS = {"lea": "https://lea.example/", "tom": "https://tom.example/"}
REMOTE_MENTIONS = ["@bob@social.example", "@nina@mastodon.example", "@karl@fedi.example"]

EN_SUBJECTS = ["The morning train", "My old bike", "This little site", "The bakery on the corner",
               "A new keyboard", "The river", "Our garden", "The city library", "A rainy Sunday",
               "The build", "Yesterday's walk", "That podcast", "The night sky", "My notebook",
               "The local market", "The test suite", "An old record", "The tea kettle"]
EN_VERBS = ["reminded me of", "turned into", "was better than", "made me think about",
            "slowly became", "felt like", "had nothing to do with", "smelled like",
            "was all about", "sounded like"]
EN_OBJECTS = ["a long conversation", "the first warm day of spring", "a quiet evening",
              "an unfinished essay", "the way feeds used to work", "a map of the old town",
              "a very small victory", "the sound of rain on the roof", "a second cup of coffee",
              "the last page of a good book", "a bug I had chased for days", "a half-remembered song"]
EN_TAILS = ["Worth it.", "Noted for later.", "More on this soon.", "No regrets.",
            "I should write about it.", "Still thinking about it.", "Highly recommended.",
            "Not bad at all.", "Back to work now.", "That is all."]
FR_SUBJECTS = ["Le train du matin", "Mon vieux vélo", "Ce petit site", "La boulangerie du coin",
               "Un nouveau clavier", "La Saône", "Notre jardin", "La bibliothèque municipale",
               "Un dimanche pluvieux", "La compilation", "La balade d'hier", "Ce podcast",
               "Le ciel de la nuit", "Mon carnet", "Le marché de la Croix-Rousse", "Un vieux disque"]
FR_VERBS = ["m'a rappelé", "est devenu", "valait mieux que", "m'a fait penser à",
            "ressemblait à", "n'avait rien à voir avec", "sentait", "parlait surtout de"]
FR_OBJECTS = ["une longue conversation", "le premier jour de printemps", "une soirée calme",
              "un essai inachevé", "l'époque où les flux marchaient", "une carte du vieux Lyon",
              "une toute petite victoire", "la pluie sur le toit", "un deuxième café",
              "la dernière page d'un bon livre", "un bogue traqué pendant des jours",
              "une chanson à moitié oubliée"]
FR_TAILS = ["Ça valait le coup.", "À suivre.", "J'en reparlerai.", "Aucun regret.",
            "Il faudrait que j'écrive là-dessus.", "J'y pense encore.", "Je recommande.",
            "Pas mal du tout.", "Retour au travail.", "C'est tout."]
LINK_HOSTS = ["https://example.org/", "https://news.example.com/", "https://blog.example.net/",
              "https://wiki.example.org/wiki/"]
LINK_PATHS = ["notes/feeds", "2024/static-sites", "posts/offline-first", "Web_feed",
              "articles/small-web", "p/42", "reading/list", "essays/plain-text"]
EN_TITLE_WORDS = ["Notes on", "Why I still use", "A week with", "Thoughts about", "Leaving",
                  "Building", "In praise of", "What I learned from", "Fixing", "Rethinking"]
FR_TITLE_WORDS = ["Notes sur", "Pourquoi j'utilise encore", "Une semaine avec", "Réflexions sur",
                  "Quitter", "Construire", "Éloge de", "Ce que m'a appris", "Réparer", "Repenser"]
TITLE_TOPICS = ["RSS feeds", "a static site", "my bike", "SQLite", "plain text", "Lyon's trams",
                "the small web", "Markdown", "a paper notebook", "old laptops", "Mustache templates",
                "sourdough", "night trains", "film cameras", "the command line"]


def ascii_words(text, count):
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = ["".join(c for c in w if c.isalnum()) for w in folded.replace("'", " ").replace("-", " ").split()]
    return "-".join([w for w in words if w][:count]) or "post"


def zipf_tags(rng, count):
    chosen = []
    while len(chosen) < count:
        tag = rng.choices(TAGS, weights=ZIPF)[0]
        if tag not in chosen:
            chosen.append(tag)
    return chosen


def sentence(rng, french):
    if french:
        return f"{rng.choice(FR_SUBJECTS)} {rng.choice(FR_VERBS)} {rng.choice(FR_OBJECTS)}."
    return f"{rng.choice(EN_SUBJECTS)} {rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)}."


def link(rng, earlier):
    """An external link, or now and then a site path to an earlier post."""
    if earlier and rng.random() < 0.25:
        target = rng.choice(earlier[-200:])
        return f"[{'ce billet' if rng.random() < 0.5 else 'this post'}]({target['path']})"
    url = rng.choice(LINK_HOSTS) + rng.choice(LINK_PATHS)
    return f"[{rng.choice(['this', 'here', 'ici', 'a good read', 'the notes'])}]({url})" if rng.random() < 0.7 else url


def note_body(rng, french, tags, earlier):
    """1-3 sentences; returns the body and the hashtags it uses (to add to `tags`)."""
    parts = [sentence(rng, french) for _ in range(rng.randint(1, 2))]
    hashtags = []
    roll = rng.random()
    if roll < 0.35:
        tag = rng.choices(HASHTAG_TAGS, weights=[ZIPF[TAGS.index(t)] for t in HASHTAG_TAGS])[0]
        hashtags.append(tag)
        parts[-1] = parts[-1][:-1] + f" #{tag}."
    if rng.random() < 0.15:
        who = rng.choice(list(MENTIONS)) if rng.random() < 0.5 else rng.choice(REMOTE_MENTIONS)
        who = who.lstrip("@")
        parts.append(f"Merci à @{who} !" if french else f"Thanks to @{who}!")
    if rng.random() < 0.25:
        parts.append(f"{'Voir' if french else 'See'} {link(rng, earlier)}.")
    if rng.random() < 0.5:
        parts.append(rng.choice(FR_TAILS if french else EN_TAILS))
    # At most three sentences, keeping the first one (which titles the note).
    body = " ".join(parts[:3])
    if len(parts) > 3:
        # A hashtag or mention that was cut is not in the body any more.
        hashtags = [t for t in hashtags if f"#{t}" in body]
    return body + "\n", hashtags


def article_body(rng, french, earlier):
    p = lambda n: " ".join(sentence(rng, french) for _ in range(n))
    h = (["Contexte", "Ce qui a marché", "Ce qui reste à faire", "En pratique"] if french
         else ["Background", "What worked", "What is left", "In practice"])
    lines = [p(4), "", f"## {h[0]}", "", p(5) + f" {'Voir' if french else 'See'} {link(rng, earlier)}.", ""]
    lines += [f"- {sentence(rng, french)}" for _ in range(rng.randint(3, 5))]
    lines += ["", f"## {h[1]}", "", p(3), "", "```python",
              "def feed_items(posts, limit=20):",
              "    # newest first, like the timeline",
              "    return sorted(posts, key=lambda p: p.date, reverse=True)[:limit]",
              "```", "",
              "| tool | posts | seconds |" if not french else "| outil | billets | secondes |",
              "|---|---:|---:|"]
    for _ in range(rng.randint(3, 5)):
        lines.append(f"| {rng.choice(['samizdat', 'hugo', 'zola', 'jekyll', 'eleventy'])} | "
                     f"{rng.randint(10, 99999)} | {rng.randint(1, 900) / 10} |")
    lines += ["", f"## {h[2]}", "", p(4), "", f"1. {sentence(rng, french)}", f"2. {sentence(rng, french)}",
              "", p(2) + f" {link(rng, earlier)}.", ""]
    return "\n".join(lines)


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def front_matter(post):
    lines = ["---"]
    if post["title"]:
        lines.append(f"title: {quote(post['title'])}")
    lines.append(f"date: {post['date']}")
    if post["tags"]:
        lines.append(f"tags: [{', '.join(post['tags'])}]")
    if post["french"]:
        lines.append("lang: fr")
    if post["reply_to"]:
        lines.append(f"reply_to: {post['reply_to']}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def make_posts(count):
    rng = random.Random(SEED)
    span = (END - START).total_seconds()
    step = span / max(count, 1)
    posts = []
    for i in range(count):
        when = START + dt.timedelta(seconds=int(i * step + rng.random() * step * 0.8))
        when = when.replace(second=0, microsecond=0)
        when = when.astimezone(TZ)  # the offset of that day in Paris
        french = rng.random() < 0.20
        article = rng.random() < 0.15
        reply_to = None
        if not article and posts and rng.random() < 0.03:
            reply_to = BASE_URL + rng.choice(posts[-30:])["path"].lstrip("/")
        tags = zipf_tags(rng, rng.choice([0, 1, 1, 2, 2, 3] if not article else [1, 2, 3]))
        if article:
            title = f"{rng.choice(FR_TITLE_WORDS if french else EN_TITLE_WORDS)} {rng.choice(TITLE_TOPICS)}"
            body = article_body(rng, french, posts)
            slug_source = title
        else:
            title = None
            body, hashtags = note_body(rng, french, tags, posts)
            tags += [t for t in hashtags if t not in tags]
            slug_source = body
        slug = f"{ascii_words(slug_source, 4)}-{i + 1}"
        post = {
            "slug": slug, "title": title, "french": french, "tags": tags, "reply_to": reply_to,
            "date": when.isoformat(), "year": when.year, "month": when.month,
            "path": f"/{when.year:04d}/{when.month:02d}/{when.day:02d}/{slug}/",
            "body": body,
        }
        posts.append(post)
    return posts


def post_file(post):
    return front_matter(post) + post["body"]


def samizdat_config():
    return f"""# Benchmark corpus, generated by Benchmarks/generate.py. Do not edit.
title: Bench
description: A generated microblog for measuring build times.
base_url: {BASE_URL}
language: en
timezone: Europe/Paris
author:
  name: Bench Author
  url: {BASE_URL}
posts_per_page: 20
feeds:
  items: 20
mentions:
{"".join(f"  {k}: {v}{chr(10)}" for k, v in MENTIONS.items())}"""


def hugo_config():
    return f"""# Benchmark corpus, generated by Benchmarks/generate.py. Do not edit.
baseURL = "{BASE_URL}"
languageCode = "en"
defaultContentLanguage = "en"
title = "Bench"
theme = "bench"
timeZone = "Europe/Paris"
paginate = 20
rssLimit = 20
enableRobotsTXT = true
# No /page/1/ redirect pages (Samizdat writes none).
disableAliases = true
# Samizdat has no /posts/ section page and no categories.
disableKinds = ["section"]

[permalinks]
  posts = "/:year/:month/:day/:filename/"

[taxonomies]
  tag = "tags"

[outputs]
  home = ["HTML", "RSS", "JSONFeed"]
  taxonomy = ["HTML"]
  term = ["HTML", "RSS"]
  page = ["HTML"]

[mediaTypes."application/feed+json"]
  suffixes = ["json"]

[outputFormats.RSS]
  baseName = "feed"

[outputFormats.JSONFeed]
  mediaType = "application/feed+json"
  baseName = "feed"
  isPlainText = true

[markup.goldmark.renderer]
  unsafe = true

[params]
  author = "Bench Author"
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def copy_hugo_theme(site):
    """(Re)copies Benchmarks/hugo-theme into SITE/themes/bench."""
    target = os.path.join(site, "themes", "bench")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(os.path.join(repo_root(), "Benchmarks", "hugo-theme"), target)


def write_samizdat(posts, out):
    write(os.path.join(out, "site.yml"), samizdat_config())
    for post in posts:
        write(os.path.join(out, "Content", "posts", f"{post['year']:04d}", f"{post['month']:02d}", post["slug"] + ".md"),
              post_file(post))
    # The override the "template changed" scenario edits: the built-in post template as it is.
    template = os.path.join(repo_root(), "Templates", "post.mustache")
    os.makedirs(os.path.join(out, "Templates"), exist_ok=True)
    shutil.copyfile(template, os.path.join(out, "Templates", "post.mustache"))


def write_hugo(posts, out):
    write(os.path.join(out, "config.toml"), hugo_config())
    for post in posts:
        write(os.path.join(out, "content", "posts", f"{post['year']:04d}", f"{post['month']:02d}", post["slug"] + ".md"),
              post_file(post))
    copy_hugo_theme(out)


def generator_digest():
    """Changes whenever this file or the copied built-in template changes (bench.py reuses a
    corpus only when it matches)."""
    h = hashlib.sha256()
    for path in [os.path.abspath(__file__), os.path.join(repo_root(), "Templates", "post.mustache")]:
        with open(path, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def scenario_info(posts):
    """What bench.py needs to run the incremental scenarios, as relative paths per flavor."""
    middle = next(p for p in posts[len(posts) // 2:] if not p["title"] and not p["reply_to"])
    rel = f"posts/{middle['year']:04d}/{middle['month']:02d}/{middle['slug']}.md"
    return {
        "posts": len(posts),
        "edited_post": rel,
        "added_post": "posts/2026/07/bench-added-note.md",
        "added_text": ("---\ndate: " + ADDED_DATE + "\ntags: [indieweb, cycling]\n---\n"
                       "A new note, added by the benchmark. #indieweb\n"),
        "appended_sentence": "\nOne more sentence, appended by the benchmark.\n",
        "rename_tag": RENAME_TAG,
        "renamed_tag": RENAMED_TAG,
        "rename_files": sorted(f"posts/{p['year']:04d}/{p['month']:02d}/{p['slug']}.md"
                               for p in posts if RENAME_TAG in p["tags"]),
        "tags": len({t for p in posts for t in p["tags"]}),
        "replies": sum(1 for p in posts if p["reply_to"]),
        "articles": sum(1 for p in posts if p["title"]),
        "french": sum(1 for p in posts if p["french"]),
        "digest": generator_digest(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--flavor", choices=["samizdat", "hugo", "both"], default="both")
    args = parser.parse_args(argv)
    posts = make_posts(args.posts)
    if args.flavor == "samizdat":
        write_samizdat(posts, args.out)
    elif args.flavor == "hugo":
        write_hugo(posts, args.out)
    else:
        write_samizdat(posts, os.path.join(args.out, "samizdat"))
        write_hugo(posts, os.path.join(args.out, "hugo"))
        write(os.path.join(args.out, "corpus.json"), json.dumps(scenario_info(posts), indent=1) + "\n")
    info = scenario_info(posts)
    print(f"{args.posts} posts ({info['articles']} articles, {info['french']} in French, {info['replies']} replies, "
          f"{info['tags']} tags) in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
