#!/usr/bin/env bash
# Checks the HTML report in headless Chromium: no console errors, the counts on the page equal the JSON report's,
# the page opens on the failures (passes behind a toggle), search and filters reduce the visible rows (and "Show all"
# restores them), the audit pipeline picture is drawn for every account with red broken links and boxes that open
# their finding, and saves screenshots to docs/html-report.png and docs/pipeline.png.
#
# Usage: docs/html-check.sh [REPORT.html REPORT.json]
#   Without arguments it renders the reports of the fixed test scan (core/src/test/resources/report) first.
# Skips with exit 0 and a clear message when Chromium or Node.js is not available and cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() { echo "html-check: SKIPPED: $*" >&2; exit 0; }

find_chromium() {
  for c in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}

CHROMIUM="${CHROMIUM:-$(find_chromium || true)}"
if [ -z "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "html-check: chromium not found; trying apt-get install -y chromium" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/tmp/html-check-apt.log 2>&1 \
      && ! { apt-get update -q >>/tmp/html-check-apt.log 2>&1 \
             && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >>/tmp/html-check-apt.log 2>&1; }; then
      skip "chromium is not installed and 'apt-get install -y chromium' failed (see /tmp/html-check-apt.log)"
    fi
    CHROMIUM="$(find_chromium || true)"
  fi
  [ -n "$CHROMIUM" ] || skip "chromium is not installed and cannot be installed here (not root or no apt-get)"
fi

command -v node >/dev/null 2>&1 || skip "node is not installed"
NODE=(node)
if ! node -e 'process.exit(typeof WebSocket === "undefined" ? 1 : 0)' 2>/dev/null; then
  if node --experimental-websocket -e 'process.exit(typeof WebSocket === "undefined" ? 1 : 0)' 2>/dev/null; then
    NODE=(node --experimental-websocket)
  else
    skip "node $(node --version) has no WebSocket client (Node.js 20.10 or later is needed)"
  fi
fi

if [ $# -ge 2 ]; then
  HTML="$1"; JSON="$2"
else
  OUT="$(pwd)/core/target/html-check"
  rm -rf "$OUT"
  ./mvnw -B -q -pl core test -Dtest=HtmlCheckExport -Dsurefire.failIfNoSpecifiedTests=false \
    -Dhtml.check.out="$OUT"
  HTML="$OUT/report.html"; JSON="$OUT/report.json"
fi

PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
"${NODE[@]}" docs/html-check.mjs "$CHROMIUM" "$PROFILE" "$HTML" "$JSON" docs/html-report.png docs/pipeline.png
