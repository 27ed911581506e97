#!/usr/bin/env bash
# Slash-command phrase look-ups per second and latency, on loopback, with signature checking, 64 connections:
#   coachbot  the shipped server (src/CoachBot.Server, Release build, its own appsettings.json, SQLite storage in a
#             temporary folder): the Slack endpoint as a seller reaches it, analytics and all
#   floor     bare Kestrel answering a fixed body (no verification, no work)
#   bolt      Bolt for JavaScript (@slack/bolt) with the same phrase table
# Each server runs in its own process and wrk loads one at a time: 2 threads, 64 connections. Each is warmed up
# for WARMUP seconds (every server gets the same): under load on two cores, .NET's tiered compilation keeps
# optimising the coach's hot path for 20-30 s, and a server is measured as it runs for days, not in its first
# minute. Then each is measured for DURATION seconds in each of ROUNDS rounds; this machine's speed drifts by 20%
# from one minute to the next, so the ratios are taken per round and their median reported. Besides wrk's figures
# it prints the server's CPU time per request (user + system, from /proc). Needs wrk (Debian package), node/npm.
# Takes about 3 x (WARMUP + ROUNDS x DURATION) seconds plus builds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
DURATION="${DURATION:-8}"
WARMUP="${WARMUP:-30}"
ROUNDS="${ROUNDS:-7}"
CONNECTIONS="${CONNECTIONS:-64}"
export SLACK_SIGNING_SECRET="load-test-signing-secret"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
dotnet build "$repo/src/CoachBot.Server" -c Release --nologo -v quiet -o "$work/coachbot" >/dev/null
dotnet build "$repo/bench/CoachBot.Slack.LoadServer" -c Release --nologo -v quiet -o "$work/floor" >/dev/null
(cd "$here/bolt" && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)
dotnet "$work/floor/CoachBot.Slack.LoadServer.dll" export-phrases "$work/phrases.json"

export BODY="token=x&team_id=T1&team_domain=acme&channel_id=C1&channel_name=deals&user_id=U1&user_name=seller&command=%2Fcoach&text=say+cost&api_app_id=A1&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.2.3"

wait_for() {
  for _ in $(seq 1 150); do
    if curl -s -o /dev/null -X POST "$1"; then return 0; fi
    sleep 0.1
  done
  echo "server at $1 did not start" >&2; exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

sign() {
  export TS="$(date +%s)"
  export SIG="v0=$(printf 'v0:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SLACK_SIGNING_SECRET" -r | cut -d' ' -f1)"
}

warm_up() { # name url
  sign
  local status
  status=$(curl -s -o "$work/$1.body" -w '%{http_code}' -X POST "$2" -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $TS" -H "X-Slack-Signature: $SIG" --data-binary "$BODY")
  [ "$status" = 200 ] || { echo "$1: signed request got $status" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$here/signed-post.lua" "$2" >/dev/null
}

measure() { # name url pid round
  sign # a fresh timestamp: a run is longer than the five minutes a signature is valid for
  local before after
  before=$(cpu_ticks "$3")
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$here/signed-post.lua" "$2" >"$work/$1.wrk"
  after=$(cpu_ticks "$3")
  local rps p50 p99 errors cpu
  rps=$(awk '/^Requests\/sec/ {print $2}' "$work/$1.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$work/$1.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.wrk")
  errors=$(grep -E 'Non-2xx|Socket errors' "$work/$1.wrk" | tr '\n' ' ' || true)
  # Clock ticks are 1/100 s; requests = rate x duration.
  cpu=$(awk -v t=$((after - before)) -v r="$rps" -v d="$DURATION" 'BEGIN { printf "%.1f", t * 10000 / (r * d) }')
  printf 'round %s  %-9s %10s req/s   p50 %8s   p99 %8s   server CPU %6s us/req   response %5s bytes  %s\n' \
    "$4" "$1" "$rps" "$p50" "$p99" "$cpu" "$(wc -c <"$work/$1.body")" "$errors"
  echo "$1 $4 $rps $(to_ms "$p99") $cpu" >>"$work/results"
}

# wrk prints latencies as 812.00us, 6.94ms or 1.02s.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; print n }'; }

start_server() { # name url command...
  local name="$1" url="$2"; shift 2
  "$@" >"$work/$name.log" 2>&1 &
  pids+=("$!")
  pid_of[$name]=$!
  url_of[$name]=$url
  wait_for "$url"
}

declare -A pid_of url_of
Slack__SigningSecret="$SLACK_SIGNING_SECRET" Slack__BotToken="fake-bot-token-for-load-test" Slack__ApiBaseUrl="http://127.0.0.1:9/api/" \
  Storage__SqlitePath="$work/coachbot.db" \
  start_server coachbot http://127.0.0.1:5101/api/slack/events dotnet "$work/coachbot/CoachBot.Server.dll" --urls http://127.0.0.1:5101
start_server floor http://127.0.0.1:5102/api/slack/events dotnet "$work/floor/CoachBot.Slack.LoadServer.dll" bare 5102
start_server bolt http://127.0.0.1:5103/slack/events node "$here/bolt/app.js" "$work/phrases.json" 5103

echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s --latency -s bench/slack-load/signed-post.lua <url>: ${WARMUP}s warm-up each, then $ROUNDS rounds"
for name in coachbot floor bolt; do warm_up "$name" "${url_of[$name]}"; done
for round in $(seq 1 "$ROUNDS"); do
  # The three in turn, round after round: the machine's speed drifts over minutes, and each round's figures are
  # taken close together in time.
  for name in coachbot floor bolt; do measure "$name" "${url_of[$name]}" "${pid_of[$name]}" "$round"; done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$work/results"; }
echo
echo "median of $ROUNDS rounds:"
for name in coachbot floor bolt; do
  printf '%-9s %10.0f req/s   p99 %6.2f ms   server CPU %6.1f us/req\n' "$name" \
    "$(column_of "$name" 3 | median)" "$(column_of "$name" 4 | median)" "$(column_of "$name" 5 | median)"
done
awk '$1 == "coachbot" { c[$2] = $3 } $1 == "floor" { f[$2] = $3 } $1 == "bolt" { b[$2] = $3 }
  END { for (r in c) printf "%s %.4f %.4f\n", r, c[r] / f[r], c[r] / b[r] }' "$work/results" | sort -n >"$work/ratios"
printf 'coachbot / floor  %5.1f%%  (rounds: %s)   target >= 60%%\n' "$(awk '{ print $2 * 100 }' "$work/ratios" | median)" \
  "$(awk '{ printf "%.1f%% ", $2 * 100 }' "$work/ratios")"
printf 'coachbot / bolt   %5.1fx   (rounds: %s)   target >= 3x\n' "$(awk '{ print $3 }' "$work/ratios" | median)" \
  "$(awk '{ printf "%.1fx ", $3 }' "$work/ratios")"
