#!/usr/bin/env bash
# End-to-end test with Web Chat: installs its npm packages (and Debian's chromium if missing), starts
# CoachBot.Server anonymously on a free loopback port, drives Web Chat in headless Chromium through
# offline-directline, and prints "e2e: N passed, N failed" as its last line. Screenshots: TestResults/e2e-webchat/.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/TestResults/e2e-webchat"
mkdir -p "$out"

fail() { echo "e2e setup failed: $1"; echo "e2e: 0 passed, 1 failed"; exit 1; }

if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package)"
  { apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; }; } \
    || fail "could not install chromium"
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$out/npm-ci.log" 2>&1) || fail "npm ci (see $out/npm-ci.log)"

dotnet build "$root/src/CoachBot.Server" -c Release -nologo -v q >"$out/build.log" 2>&1 || fail "building CoachBot.Server (see $out/build.log)"

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# No MicrosoftAppId: anonymous development mode, loopback callers only (offline-directline sends no token).
rm -f "$out"/coachbot.db*
Storage__SqlitePath="$out/coachbot.db" MicrosoftAppId= ASPNETCORE_URLS="http://127.0.0.1:$port" \
  dotnet "$root/src/CoachBot.Server/bin/Release/net10.0/CoachBot.Server.dll" >"$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT

ready=0
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$server" 2>/dev/null || break
  sleep 0.5
done
[ "$ready" -eq 1 ] || fail "CoachBot.Server did not become ready (see $out/server.log)"

cd "$here" && BOT_URL="http://127.0.0.1:$port/api/messages" OUT_DIR="$out" node webchat.e2e.js 2>&1 \
  | grep -v -e '^Created conversation' -e '^Listening for messages' -e '^Routing messages'
exit "${PIPESTATUS[0]}"
