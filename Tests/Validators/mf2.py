#!/usr/bin/env python3
"""Prints what mf2py (the microformats2 parser used by IndieWeb tools) reads from an HTML file.

Usage: mf2.py FILE BASE_URL   — JSON on standard output: {"items": [...], "rels": {...}}
"""
import json
import sys

import mf2py

with open(sys.argv[1], encoding="utf-8") as handle:
    parsed = mf2py.parse(doc=handle.read(), url=sys.argv[2])
print(json.dumps({"items": parsed["items"], "rels": parsed.get("rels", {})}, ensure_ascii=False, indent=1, sort_keys=True))
