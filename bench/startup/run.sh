#!/usr/bin/env bash
# Start-up time and memory of the shipped server: src/CoachBot.Server published in Release (ReadyToRun, as
# deploy/Dockerfile does) with its own
# appsettings.json, development mode on loopback (no credentials), SQLite and the embeddings folder in a temporary
# folder, the local sentence model. One start beforehand fills the embeddings folder (the model file and the
# playbook's vectors), as any start after the first finds it. Then RUNS starts, one after the other; for each:
#   ready    process start (just before exec) -> first 200 from GET /readyz (the model and the playbook's vectors loaded)
#   cpu      the CPU time (user + system) the server had used by then: what the start costs, whatever else runs
#   lookup   process start -> the answer to a first look-up on POST /api/messages ("phrase <wording never seen>", so
#            it is embedded), replies going to a loopback connector (bench/CoachBot.Slack.LoadServer)
#   idle     VmRSS / RssAnon / RssFile (/proc/<pid>/status) IDLE seconds after that look-up, nothing asked meanwhile
#   busy     the same, IDLE seconds after LOOKUPS more look-ups, each a different wording (each one embedded)
# It prints each run's figures, their medians and the load average before and after (the machine may be shared).
# Ports are chosen at run time. Settings (environment): RUNS (7), IDLE (5), LOOKUPS (200; 0 skips "busy"),
#   SERVER=<folder holding another build's CoachBot.Server.dll> measures that build instead (e.g. one made from main).
#   DOTNET_* variables (DOTNET_gcServer, DOTNET_GCgen0size, DOTNET_TieredPGO, ...) are passed on to the server.
# Needs curl and python3. Takes about RUNS x (2 x IDLE + 10) seconds plus the builds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
RUNS="${RUNS:-7}"
IDLE="${IDLE:-5}"
LOOKUPS="${LOOKUPS:-200}"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
elapsed_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
status_mb() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; } # user + system
memory() { echo "$(status_mb "$1" VmRSS)/$(status_mb "$1" RssAnon)/$(status_mb "$1" RssFile)"; }

if [ -z "${SERVER:-}" ]; then
  # As deploy/Dockerfile publishes it: ReadyToRun for this machine's runtime (less to compile at start-up).
  dotnet publish "$repo/src/CoachBot.Server" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
    --nologo -v quiet -o "$work/server" >/dev/null
  SERVER="$work/server"
fi
dotnet build "$repo/bench/CoachBot.Slack.LoadServer" -c Release --nologo -v quiet -o "$work/helper" >/dev/null

connector_port=$(free_port)
dotnet "$work/helper/CoachBot.Slack.LoadServer.dll" connector "$connector_port" 0 >"$work/connector.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 300); do curl -s -o /dev/null -X POST "http://127.0.0.1:$connector_port/" && break; sleep 0.1; done

export Storage__SqlitePath="$work/coachbot.db" Embeddings__CachePath="$work/embeddings"

# The look-ups: the labelled queries kept in tests/, as they are and with made-up prefixes, so no two are alike.
sed -n 's/.*query: "\(.*\)", expect:.*/\1/p' "$repo"/tests/CoachBot.Core.Tests/TestData/phrase-queries.yaml \
  "$repo"/tests/CoachBot.Core.Tests/TestData/heldout/phrase-queries.yaml >"$work/queries"
{ cat "$work/queries"; sed 's/^/quick one: /' "$work/queries"; sed 's/^/on a call now, /' "$work/queries"; } >"$work/wordings"
[ "$(wc -l <"$work/wordings")" -gt "$((LOOKUPS * RUNS + RUNS))" ] || { echo "not enough distinct wordings for RUNS x LOOKUPS" >&2; exit 1; }
sed -i 's/\\/\\\\/g; s/"/\\"/g' "$work/wordings" # JSON string content
mapfile -t wordings <"$work/wordings"
next=0

lookup() { # conversation-id -> HTTP status of a "phrase <wording>" message activity; the caller moves $next on
  local text="phrase ${wordings[$next]}"
  curl -s -o /dev/null -w '%{http_code}' -X POST "$url/api/messages" -H 'Content-Type: application/json' --data-binary \
    "{\"type\":\"message\",\"id\":\"m$next\",\"channelId\":\"emulator\",\"serviceUrl\":\"http://127.0.0.1:$connector_port/\",\"from\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"b1\"},\"conversation\":{\"id\":\"$1\"},\"text\":\"$text\"}"
}

start() { # -> pid, t0, t_ready
  port=$(free_port); url="http://127.0.0.1:$port"
  t0=$(now)
  dotnet "$SERVER/CoachBot.Server.dll" --urls "$url" >"$work/server.log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 3000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz" || true)" = 200 ]; then t_ready=$(now); cpu_ready=$(cpu_ms "$pid"); return 0; fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "the server exited" >&2; exit 1; }
    sleep 0.01
  done
  echo "the server was not ready in 30 s" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

start; stop # fills the embeddings folder
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-4s %8s %9s %9s %12s %12s   (MB: VmRSS/RssAnon/RssFile)\n' run ready_ms cpu_ms lookup_ms idle busy
for run in $(seq 1 "$RUNS"); do
  start
  code=$(lookup "first-$run"); t_lookup=$(now); next=$((next + 1))
  case "$code" in 2??) ;; *) echo "first look-up: HTTP $code" >&2; cat "$work/server.log" >&2; exit 1 ;; esac
  sleep "$IDLE"; idle=$(memory "$pid")
  busy="-"
  if [ "$LOOKUPS" -gt 0 ]; then
    for i in $(seq 1 "$LOOKUPS"); do
      code=$(lookup "busy-$run-$i"); next=$((next + 1)); case "$code" in 2??) ;; *) echo "look-up $i: HTTP $code" >&2; exit 1 ;; esac
    done
    sleep "$IDLE"; busy=$(memory "$pid")
  fi
  stop
  printf '%-4s %8s %9s %9s %12s %12s\n' "$run" "$(elapsed_ms "$t0" "$t_ready")" "$cpu_ready" "$(elapsed_ms "$t0" "$t_lookup")" "$idle" "$busy" | tee -a "$work/results"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { awk -v c="$1" '{ print $c }' "$work/results" | awk -F/ -v f="$2" '{ print $f }' | median; }
echo
printf 'median of %s starts: ready %s ms (CPU %s ms), first look-up answered %s ms; idle VmRSS %s MB (anon %s, file %s)' \
  "$RUNS" "$(field 2 1)" "$(field 3 1)" "$(field 4 1)" "$(field 5 1)" "$(field 5 2)" "$(field 5 3)"
if [ "$LOOKUPS" -gt 0 ]; then printf '; after %s look-ups VmRSS %s MB (anon %s, file %s)' "$LOOKUPS" "$(field 6 1)" "$(field 6 2)" "$(field 6 3)"; fi
echo
