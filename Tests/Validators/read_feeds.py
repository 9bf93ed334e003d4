#!/usr/bin/env python3
"""Reads a built site's feeds as a feed reader does, with the `reader` library.

Usage: read_feeds.py OUTPUT_DIR [FOLDER]

Adds FOLDER/feed.xml, FOLDER/atom.xml and FOLDER/feed.json (FOLDER defaults to the site root)
to an in-memory reader, updates them from disk, and prints what the reader stored as JSON:
{"rss": {"feed": {title, link, author}, "entries": {LINK: entry}}, "atom": …, "json": …}, each
entry {id, title, link, author, summary, content: [values], enclosures: [{href, type}]}.
Exits 1 if the reader could not update a feed.
"""
import json
import os
import sys

from reader import make_reader


def main():
    root = os.path.abspath(sys.argv[1])
    folder = os.path.join(root, sys.argv[2]) if len(sys.argv) > 2 else root
    reader = make_reader(":memory:", feed_root=root)
    names = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
    urls = {kind: os.path.relpath(os.path.join(folder, name), root) for kind, name in names.items()}
    for url in urls.values():
        reader.add_feed(url)
    failed = False
    for result in reader.update_feeds_iter():
        if result.error is not None:
            print(f"{result.url}: {result.error!r}", file=sys.stderr)
            failed = True
    output = {}
    for kind, url in urls.items():
        feed = reader.get_feed(url)
        entries = reader.get_entries(feed=url)
        output[kind] = {
            "feed": {"title": feed.title, "link": feed.link, "author": feed.authors_str},
            "entries": {
                entry.link: {
                    "id": entry.id,
                    "title": entry.title,
                    "link": entry.link,
                    "author": entry.authors_str,
                    "summary": entry.summary,
                    "content": [content.value for content in entry.content],
                    "enclosures": [{"href": e.href, "type": e.type} for e in entry.enclosures],
                }
                for entry in entries
            },
        }
    print(json.dumps(output, ensure_ascii=False, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
