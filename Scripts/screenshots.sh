#!/usr/bin/env bash
# Screenshots of a built site in headless Chromium: phone and desktop, light and dark.
# Usage: Scripts/screenshots.sh [OUTPUT_DIR] [SHOTS_DIR]   (defaults: Output, screenshots)
set -euo pipefail
out="${1:-Output}"
shots="${2:-screenshots}"
mkdir -p "$shots"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then echo "Install chromium (apt-get install chromium) to take screenshots." >&2; exit 1; fi
# The newest post, a thread, a photo post (the first post with a gallery) and list pages.
newest="$(cd "$out" && find 2026 -mindepth 4 -name index.html | sort | tail -1)"
thread="$(cd "$out" && grep -l 'class="thread"' $(find 20* -mindepth 4 -name index.html | sort) 2>/dev/null | head -1)"
photos="$(cd "$out" && grep -l 'class="photos photos-[2-4]' $(find 20* -mindepth 4 -name index.html | sort) 2>/dev/null | head -1)"
pages=("index.html" "$newest" "${thread:-$newest}" "${photos:-$newest}" "tags/index.html" "archive/index.html")
names=("timeline" "post" "thread" "photos" "tags" "archive")
for i in "${!pages[@]}"; do
  for size in "390,844:phone" "1280,900:desktop"; do
    for scheme in light dark; do
      flags=()
      [ "$scheme" = dark ] && flags+=(--force-dark-mode --blink-settings=preferredColorScheme=0)
      "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars "${flags[@]}" \
        --window-size="${size%%:*}" --screenshot="$shots/${names[$i]}-${size##*:}-$scheme.png" \
        "file://$(cd "$out" && pwd)/${pages[$i]}" >/dev/null 2>&1
    done
  done
done
echo "Screenshots in $shots/"
