#!/usr/bin/env bash
# End-to-end test of the phrase finder page: installs its npm packages (and Debian's chromium if missing), starts
# CoachBot.Server anonymously on a free loopback port, drives /coach in headless Chromium, and prints
# "coach-page: N passed, N failed" as its last line. Screenshots and measurements.json: TestResults/e2e-coach-page/.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/TestResults/e2e-coach-page"
mkdir -p "$out"

fail() { echo "coach-page setup failed: $1"; echo "coach-page: 0 passed, 1 failed"; exit 1; }

if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package)"
  { apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; }; } \
    || fail "could not install chromium"
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$out/npm-ci.log" 2>&1) || fail "npm ci (see $out/npm-ci.log)"

dotnet build "$root/src/CoachBot.Server" -c Release -nologo -v q >"$out/build.log" 2>&1 || fail "building CoachBot.Server (see $out/build.log)"

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
# No MicrosoftAppId and no TabSignIn: the page is open to loopback callers only, as the bot is.
Storage__Provider=memory MicrosoftAppId= ASPNETCORE_URLS="http://127.0.0.1:$port" \
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

cd "$here" && BASE_URL="http://127.0.0.1:$port" OUT_DIR="$out" node coach-page.e2e.js
