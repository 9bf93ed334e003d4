#!/usr/bin/env bash
# Checks that BINARY (default .build/release/samizdat, made by `make static`) needs no shared
# library but the C library's, and that it builds and checks a site with no environment at all:
# `env -i`, an empty LD_LIBRARY_PATH, a copy of the binary in a folder of its own.
set -euo pipefail
binary=${1:-.build/release/samizdat}
[ -x "$binary" ] || { echo "test-static: no $binary; run 'make static'" >&2; exit 1; }

# glibc's own libraries (libc, libm, libdl, libpthread, librt, the loader, the vDSO) are the C
# runtime every Linux has; anything else is a dependency the binary must not have.
others=$(ldd "$binary" | grep -vE '^\s*(linux-vdso\.so|/lib64/ld-linux|/lib/ld-linux|ld-linux|libc\.so|libm\.so|libdl\.so|libpthread\.so|librt\.so)' || true)
if [ -n "$others" ]; then
  echo "test-static: $binary needs shared libraries besides the C library:" >&2
  echo "$others" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/site/Content/posts"
cp "$binary" "$work/bin/samizdat"
printf 'title: Static test\nbase_url: https://example.org/\ntimezone: Europe/Paris\nlanguage: fr\n' > "$work/site/site.yml"
printf -- '---\ndate: 2026-11-20 09:30\ntags: [test]\n---\nBuilt by **one file**, with <em>libxml2</em> inside.\n' \
  > "$work/site/Content/posts/hello.md"
cd "$work"
run() { env -i LD_LIBRARY_PATH= HOME="$work" "$work/bin/samizdat" "$@"; }
run --version
run build --site site
run check --site site
page=site/Output/2026/11/20/hello/index.html
grep -q '<strong>one file</strong>' "$page"              # cmark-gfm
grep -q '<em>libxml2</em>' "$page"                       # libxml2 (raw HTML)
grep -q '20 novembre 2026' "$page"                       # Foundation's ICU: dates in French
[ -s site/.samizdat/build.sqlite ]                        # SQLite
echo "test-static: $binary runs alone; ldd lists only the C library"
