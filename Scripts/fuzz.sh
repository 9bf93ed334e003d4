#!/usr/bin/env bash
# Runs each libFuzzer target of SamizdatFuzz for a bounded time (see `make fuzz`).
#
#   FUZZ_SECONDS   time per target (default 120)
#   FUZZ_TARGETS   which targets (default: content yaml toml site image tweets mastodon stamps state)
#   FUZZ_JOBS      parallel fuzzing processes per target (default 1)
#   FUZZ_ARGS      more libFuzzer options, e.g. "-len_control=0" to try long inputs at once
#
# Corpora grow in .build-fuzz/corpus/<target>/ from run to run, seeded from Tests/Fixtures.
# A crash, hang or memory blow-up is saved in .build-fuzz/artifacts/<target>/; once fixed,
# keep the input in Tests/Fixtures/fuzz-regressions/<target>/ so that `make test` replays it.
set -uo pipefail
cd "$(dirname "$0")/.."

binary=.build-fuzz/debug/SamizdatFuzz
seconds=${FUZZ_SECONDS:-120}
targets=${FUZZ_TARGETS:-content yaml toml site image tweets mastodon stamps state}
jobs=${FUZZ_JOBS:-1}
seeds=Tests/Fixtures/fuzz-seeds
regressions=Tests/Fixtures/fuzz-regressions

# The front matter of a content file, without its fences (`+++` for TOML, `---` for YAML).
front_matter() { awk -v fence="$2" 'NR == 1 { if ($0 != fence) exit; next } $0 == fence { exit } { print }' "$1"; }

# Leak checking is off: the Swift runtime's one-time allocations (the regex literals' parse
# trees) are reported as a 24 KB leak at exit, and leaks are not what these targets look for.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

failed=()
for target in $targets; do
  corpus=.build-fuzz/corpus/$target
  artifacts=.build-fuzz/artifacts/$target/
  mkdir -p "$corpus" "$artifacts" .build-fuzz/logs
  n=0
  while IFS= read -r -d '' file; do
    n=$((n + 1))
    case $target in
      content) cp "$file" "$corpus/seed-$n" ;;
      toml) front_matter "$file" "+++" > "$corpus/seed-$n" ;;
      yaml) front_matter "$file" "---" > "$corpus/seed-$n" ;;
    esac
  done < <(find Tests/Fixtures -name '*.md' -not -path "*/fuzz-*" -print0)
  case $target in
    image) cp Tests/Fixtures/images/* "$corpus/" ;;
    site) for file in Tests/Fixtures/*/site.yml site.yml; do [ -f "$file" ] && cp "$file" "$corpus/seed-$(basename "$(dirname "$file")")"; done ;;
  esac
  [ -d "$seeds/$target" ] && cp "$seeds/$target"/* "$corpus/" 2>/dev/null
  parallel=()
  # -jobs sends libFuzzer's output to fuzz-N.log files; only ask for it when it helps.
  [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
  dict=()
  case $target in
    toml) dict=(-dict="$seeds/toml.dict") ;;
    yaml|site) dict=(-dict="$seeds/yaml.dict") ;;
  esac
  # The saved regressions join the corpus, for the targets that have some.
  kept=()
  [ -d "$regressions/$target" ] && kept=("$regressions/$target")
  echo "== $target: ${seconds}s, corpus $corpus"
  SAMIZDAT_FUZZ_TARGET=$target "$binary" "$corpus" "${kept[@]}" "${dict[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -detect_leaks=0 \
    -artifact_prefix="$artifacts" "${parallel[@]}" -print_final_stats=1 ${FUZZ_ARGS:-} \
    > ".build-fuzz/logs/$target.log" 2>&1
  status=$?
  grep -v '^#[0-9]' ".build-fuzz/logs/$target.log" | tail -n 15
  if [ "$status" -ne 0 ]; then
    echo "!! $target: libFuzzer stopped with status $status; see $artifacts and .build-fuzz/logs/$target.log" >&2
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "Fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
echo "Fuzzing found nothing in ${seconds}s per target."
