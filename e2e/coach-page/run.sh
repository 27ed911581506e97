#!/usr/bin/env bash
# End-to-end test of the phrase finder page: installs its npm packages (and Debian's chromium if missing), starts
# CoachBot.Server anonymously on a free loopback port, drives /coach in headless Chromium, and prints
# "coach-page: N passed, N failed" as its last line. Screenshots and measurements.json: TestResults/e2e-coach-page/.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/TestResults/e2e-coach-page"
suite=coach-page
source "$root/e2e/lib/browser-suite.sh"

prepare_browser_suite "$root"
# No MicrosoftAppId and no TabSignIn: the page is open to loopback callers only, as the bot is.
start_server "$root" Storage__Provider=memory

cd "$here" && BASE_URL="http://127.0.0.1:$port" OUT_DIR="$out" \
  SERVER_DLL="$root/src/CoachBot.Server/bin/Release/net10.0/CoachBot.Server.dll" node coach-page.e2e.js
