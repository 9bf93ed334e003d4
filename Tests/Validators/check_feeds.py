#!/usr/bin/env python3
"""Checks every feed of a built Samizdat site with real parsers.

Usage: check_feeds.py OUTPUT_DIR BASE_URL [--expect-posts N]

- RSS and Atom are read by feedparser (the parser behind many feed readers): no bozo flag.
- JSON Feeds are validated against jsonfeed-1.1.schema.json (kept beside this script).
- The three formats must agree on entry ids, titles (absent for notes in RSS and JSON Feed, the
  note's excerpt in Atom), dates and links.
- Atom documents keep RFC 4287's rule that a feed or an entry has at most one rel="alternate"
  link per combination of type and hreflang.
- Every folder with feeds is checked: the site's, each tag's and each term's (`categories/x/`).
- Paging: from feed.json (next_url) and atom.xml (RFC 5005 rel="prev-archive") every post is found
  exactly once; every Atom archive document links back to atom.xml (rel="current"). RSS, which has
  no paging, holds the newest entries of the first page.
Prints one line per problem and exits 1 if there is any; the last line counts the checks.
"""
import calendar
import datetime
import json
import os
import sys
import xml.etree.ElementTree as ElementTree

import feedparser
import jsonschema
from jsonschema import Draft202012Validator

HERE = os.path.dirname(os.path.abspath(__file__))
problems = []
checks = 0


def problem(text):
    problems.append(text)


def local(url, base, root):
    if not url.startswith(base):
        problem(f"{url} is not under the base URL {base}")
        return None
    return os.path.join(root, url[len(base):])


def epoch(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


ATOM = "{http://www.w3.org/2005/Atom}"


def check_alternates(path):
    """RFC 4287 4.1.1 and 4.1.2: one alternate link per (type, hreflang), in the feed and in each entry."""
    global checks
    document = ElementTree.parse(path).getroot()
    for element in [document] + document.findall(f"{ATOM}entry"):
        checks += 1
        seen = set()
        for link in element.findall(f"{ATOM}link"):
            if link.get("rel", "alternate") != "alternate":
                continue
            key = (link.get("type"), link.get("hreflang"))
            if key in seen:
                where = "the feed" if element is document else f"entry {element.findtext(f'{ATOM}id')}"
                problem(f"{path}: {where} has more than one rel=alternate link with type={key[0]!r} hreflang={key[1]!r} (RFC 4287 4.1.1)")
            seen.add(key)


def walk_json(first, base, root):
    ids, path, seen = [], first, set()
    while path:
        if path in seen:
            problem(f"{first}: next_url loops back to {path}")
            break
        seen.add(path)
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        ids += [item["id"] for item in document["items"]]
        path = local(document["next_url"], base, root) if "next_url" in document else None
    return ids


def walk_atom(first, base, root):
    ids, path, seen = [], first, set()
    while path:
        if path in seen:
            problem(f"{first}: rel=prev-archive loops back to {path}")
            break
        seen.add(path)
        check_alternates(path)
        parsed = feedparser.parse(path)
        if parsed.bozo:
            problem(f"{path}: feedparser bozo: {parsed.bozo_exception}")
        ids += [entry.id for entry in parsed.entries]
        links = parsed.feed.get("links", [])
        if path != first:
            current = [link.href for link in links if link.get("rel") == "current"]
            if not current or local(current[0], base, root) != first:
                problem(f"{path}: an archive document without rel=current pointing at {first}")
        older = [link.href for link in links if link.get("rel") == "prev-archive"]
        path = local(older[0], base, root) if older else None
    return ids


def check_folder(folder, base, root, expect_posts):
    global checks
    rss_path, atom_path, json_path = (os.path.join(folder, name) for name in ("feed.xml", "atom.xml", "feed.json"))
    for path in (rss_path, atom_path, json_path):
        if not os.path.exists(path):
            problem(f"{path}: missing")
            return
    with open(os.path.join(HERE, "jsonfeed-1.1.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    json_pages = []
    path = json_path
    while path:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        for error in validator.iter_errors(document):
            problem(f"{path}: JSON Feed schema: {error.message} at {list(error.absolute_path)}")
        checks += 1
        json_pages.append(document)
        path = local(document["next_url"], base, root) if "next_url" in document else None
    first = json_pages[0]["items"]

    rss = feedparser.parse(rss_path)
    atom = feedparser.parse(atom_path)
    for name, parsed, version in (("RSS", rss, "rss20"), ("Atom", atom, "atom10")):
        checks += 1
        if parsed.bozo:
            problem(f"{folder}: {name}: feedparser bozo: {parsed.bozo_exception}")
        if parsed.version != version:
            problem(f"{folder}: {name}: read as {parsed.version!r}, expected {version}")
        if name == "Atom" and len(parsed.entries) != len(first):
            problem(f"{folder}: {name} has {len(parsed.entries)} entries, JSON Feed {len(first)}")
            continue
        if name == "RSS" and not (0 < len(parsed.entries) <= len(first) or len(first) == 0):
            problem(f"{folder}: {name} has {len(parsed.entries)} entries, JSON Feed's first page {len(first)}")
            continue
        for entry, item in zip(parsed.entries, first):
            checks += 1
            if entry.get("id") != item["id"]:
                problem(f"{folder}: {name} id {entry.get('id')!r} != JSON {item['id']!r}")
            if entry.get("link") != item["url"]:
                problem(f"{folder}: {name} link {entry.get('link')!r} != JSON {item['url']!r}")
            if not item["url"].startswith(("http://", "https://")):
                problem(f"{folder}: link {item['url']!r} is not absolute")
            title = entry.get("title")
            if "title" in item:
                if title != item["title"]:
                    problem(f"{folder}: {name} title {title!r} != JSON {item['title']!r}")
            elif name == "RSS" and title is not None:
                problem(f"{folder}: RSS item {item['id']} has a title {title!r} but the post has none")
            elif name == "Atom" and not title:
                problem(f"{folder}: Atom entry {item['id']} (a note) has an empty title; readers show a blank line")
            published = entry.get("published_parsed")
            if published is None:
                problem(f"{folder}: {name} entry {item['id']} has no readable date")
            elif calendar.timegm(published) != int(epoch(item["date_published"])):
                problem(f"{folder}: {name} date {entry.get('published')!r} != JSON {item['date_published']!r}")
            content = entry.get("content", [{}])[0].get("value", "") if name == "Atom" else entry.get("content", [{}])[0].get("value", "")
            if ' href="/' in content or ' src="/' in content:
                problem(f"{folder}: {name} entry {item['id']} has root-relative URLs in its content")

    json_ids = walk_json(json_path, base, root)
    atom_ids = walk_atom(atom_path, base, root)
    checks += 2
    for name, ids in (("JSON Feed next_url", json_ids), ("Atom rel=prev-archive", atom_ids)):
        if len(ids) != len(set(ids)):
            problem(f"{folder}: walking {name} finds some posts more than once")
    if json_ids != atom_ids:
        problem(f"{folder}: JSON Feed and Atom paging disagree ({len(json_ids)} vs {len(atom_ids)} entries)")
    if expect_posts is not None and folder.rstrip("/") == root.rstrip("/") and len(set(json_ids)) != expect_posts:
        problem(f"{folder}: walking the feeds finds {len(set(json_ids))} posts, expected {expect_posts}")


def main():
    root, base = sys.argv[1], sys.argv[2]
    expect = int(sys.argv[sys.argv.index("--expect-posts") + 1]) if "--expect-posts" in sys.argv else None
    folders = [root]
    # The feeds of every tag and of every term of the other taxonomies (categories/<term>/…).
    for taxonomy in sorted(os.listdir(root)):
        top = os.path.join(root, taxonomy)
        if taxonomy.isdigit() or not os.path.isdir(top):
            continue
        folders += sorted(os.path.join(top, name) for name in os.listdir(top)
                          if os.path.isfile(os.path.join(top, name, "feed.json")))
    for folder in folders:
        check_folder(folder, base, root, expect)
    for text in problems:
        print(text)
    print(f"feeds: {checks} checks in {len(folders)} folders, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
