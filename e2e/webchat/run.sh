#!/usr/bin/env bash
# End-to-end test with Web Chat: installs its npm packages (and Debian's chromium if missing), starts
# CoachBot.Server anonymously on a free loopback port, drives Web Chat in headless Chromium through
# offline-directline, and prints "e2e: N passed, N failed" as its last line. Screenshots: TestResults/e2e-webchat/.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/TestResults/e2e-webchat"
suite=e2e
source "$root/e2e/lib/browser-suite.sh"

prepare_browser_suite "$root"
# No MicrosoftAppId: anonymous development mode, loopback callers only (offline-directline sends no token).
rm -f "$out"/coachbot.db*
start_server "$root" Storage__SqlitePath="$out/coachbot.db"

cd "$here" && BOT_URL="http://127.0.0.1:$port/api/messages" OUT_DIR="$out" node webchat.e2e.js 2>&1 \
  | grep -v -e '^Created conversation' -e '^Listening for messages' -e '^Routing messages'
exit "${PIPESTATUS[0]}"
