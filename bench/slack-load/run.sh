#!/usr/bin/env bash
# Slash-command phrase look-ups per second and latency, on loopback, with signature checking, 64 connections:
#   coachbot  the Slack channel (AddCoachBotSlack + MapSlack, Release build)
#   floor     bare Kestrel answering a fixed body (no verification, no work)
#   bolt      Bolt for JavaScript (@slack/bolt) with the same phrase table
# Each server runs alone in its own process while wrk loads it: 2 threads, 64 connections, WARMUP then DURATION
# seconds. Needs wrk (Debian package) and node/npm. Bounded: about 3 x (WARMUP + DURATION) seconds plus start-up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
export SLACK_SIGNING_SECRET="load-test-signing-secret"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
dotnet build "$repo/bench/CoachBot.Slack.LoadServer" -c Release --nologo -v quiet -o "$work/server" >/dev/null
(cd "$here/bolt" && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)
dotnet "$work/server/CoachBot.Slack.LoadServer.dll" export-phrases "$work/phrases.json"

export BODY="token=x&team_id=T1&team_domain=acme&channel_id=C1&channel_name=deals&user_id=U1&user_name=seller&command=%2Fcoach&text=say+cost&api_app_id=A1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.2.3"

wait_for() {
  for _ in $(seq 1 100); do
    if curl -s -o /dev/null -X POST "$1"; then return 0; fi
    sleep 0.1
  done
  echo "server at $1 did not start" >&2; exit 1
}

measure() { # name url
  export TS="$(date +%s)"
  export SIG="v0=$(printf 'v0:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SLACK_SIGNING_SECRET" -r | cut -d' ' -f1)"
  local status
  status=$(curl -s -o "$work/$1.body" -w '%{http_code}' -X POST "$2" -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $TS" -H "X-Slack-Signature: $SIG" --data-binary "$BODY")
  [ "$status" = 200 ] || { echo "$1: signed request got $status" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$here/signed-post.lua" "$2" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$here/signed-post.lua" "$2" >"$work/$1.wrk"
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$1.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$work/$1.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.wrk")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/$1.wrk" | tr '\n' ' ' || true)
  printf '%-9s %10s req/s   p50 %8s   p99 %8s   response %5s bytes  %s\n' "$1" "$rps" "$p50" "$p99" "$(wc -c <"$work/$1.body")" "$errors"
}

run_server() { # name url command...
  local name="$1" url="$2"; shift 2
  "$@" >"$work/$name.log" 2>&1 &
  pids+=("$!")
  wait_for "$url"
  measure "$name" "$url"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
}

echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -s bench/slack-load/signed-post.lua <url>   (after a ${WARMUP}s warm-up)"
run_server coachbot http://127.0.0.1:5101/api/slack/events dotnet "$work/server/CoachBot.Slack.LoadServer.dll" slack 5101
run_server floor http://127.0.0.1:5102/api/slack/events dotnet "$work/server/CoachBot.Slack.LoadServer.dll" bare 5102
run_server bolt http://127.0.0.1:5103/slack/events node "$here/bolt/app.js" "$work/phrases.json" 5103
