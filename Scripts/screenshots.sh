#!/usr/bin/env bash
# Screenshots of a built site in headless Chromium: phone (390 px) and desktop (1280 px), light and
# dark, of the timeline, a photo post and a thread (the README shows them).
# Usage: Scripts/screenshots.sh [OUTPUT_DIR] [SHOTS_DIR]   (defaults: Output, docs/screenshots)
set -euo pipefail
out="${1:-Output}"
shots="${2:-docs/screenshots}"
mkdir -p "$shots"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then echo "Install chromium (apt-get install chromium) to take screenshots." >&2; exit 1; fi
posts="$(cd "$out" && find 20* -mindepth 4 -name index.html | sort)"
# The first post whose page shows a thread, and the first with three photos or more.
thread="" photos=""
for page in $posts; do
  [ -z "$thread" ] && grep -q 'class="thread"' "$out/$page" && thread="$page"
  [ -z "$photos" ] && [ "$(grep -c 'class="photo"' "$out/$page" || true)" -ge 3 ] && photos="$page"
done
newest="$(echo "$posts" | tail -1)"
pages=("index.html" "${photos:-$newest}" "${thread:-$newest}")
names=("timeline" "photos" "thread")
for i in "${!pages[@]}"; do
  for size in "390,844:phone" "1280,900:desktop"; do
    for scheme in light dark; do
      flags=()
      [ "$scheme" = dark ] && flags+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
      "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 "${flags[@]}" \
        --window-size="${size%%:*}" --screenshot="$shots/${names[$i]}-${size##*:}-$scheme.png" \
        "file://$(cd "$out" && pwd)/${pages[$i]}" >/dev/null 2>&1
    done
  done
done
# Smaller files for the README, when optipng is installed (make deps installs it).
if command -v optipng >/dev/null 2>&1; then optipng -quiet -o2 -strip all "$shots"/*.png; fi
echo "Screenshots in $shots/: ${pages[*]}"
