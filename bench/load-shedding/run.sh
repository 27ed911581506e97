#!/usr/bin/env bash
# POST /api/messages on the shipped server (anonymous mode on loopback, SQLite in a temporary folder) with more
# connections than it has places for turns (Limits:*), against a loopback connector that answers after DELAY ms.
# For each connection count: turns served and refused (503) per second, wrk's p50/p99 over all answers, and how fast
# /healthz answers in the middle of the run. wrk sends the next request as soon as an answer arrives, 503 or not:
# past the limit it keeps the server busy refusing, which real channels (Retry-After, back-off) do not.
#   SERVER_DLL=<path to another build's CoachBot.Server.dll> measures that build instead (e.g. one without limits).
# Needs wrk (Debian package). Takes about (WARMUP + CONNECTIONS x DURATION) seconds plus the build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-15}"
DELAY="${DELAY:-50}"
CONNECTIONS="${CONNECTIONS:-64 300 1000}"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
if [ -z "${SERVER_DLL:-}" ]; then
  dotnet build "$repo/src/CoachBot.Server" -c Release --nologo -v quiet -o "$work/coachbot" >/dev/null
  SERVER_DLL="$work/coachbot/CoachBot.Server.dll"
fi
dotnet build "$repo/bench/CoachBot.Slack.LoadServer" -c Release --nologo -v quiet -o "$work/helper" >/dev/null

dotnet "$work/helper/CoachBot.Slack.LoadServer.dll" connector 5301 "$DELAY" >"$work/connector.log" 2>&1 &
pids+=("$!")
Storage__SqlitePath="$work/coachbot.db" dotnet "$SERVER_DLL" --urls http://127.0.0.1:5302 >"$work/server.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 150); do curl -s -o /dev/null http://127.0.0.1:5302/healthz && curl -s -o /dev/null -X POST http://127.0.0.1:5301/ && break; sleep 0.1; done

url=http://127.0.0.1:5302/api/messages
wrk -t2 -c64 -d"${WARMUP}s" -s "$here/message.lua" "$url" >/dev/null
echo "connector delay ${DELAY} ms; wrk -t2 -c<n> -d${DURATION}s --latency -s bench/load-shedding/message.lua"
for c in $CONNECTIONS; do
  wrk -t2 -c"$c" -d"${DURATION}s" --latency -s "$here/message.lua" "$url" >"$work/wrk" &
  w=$!
  sleep $((DURATION / 2))
  health=$(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' --max-time 10 http://127.0.0.1:5302/healthz || echo "no answer")
  wait "$w"
  total=$(awk '/requests in/ {print $1}' "$work/wrk")
  refused=$(awk '/Non-2xx/ {print $5}' "$work/wrk"); refused=${refused:-0}
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk")
  awk -v c="$c" -v t="$total" -v r="$refused" -v d="$DURATION" -v p50="$p50" -v p99="$p99" -v h="$health" 'BEGIN {
    printf "c=%-5s served %6.0f turns/s   refused %7.0f/s   p50 %8s   p99 %8s   /healthz meanwhile: %s\n", c, (t - r) / d, r / d, p50, p99, h }'
done
