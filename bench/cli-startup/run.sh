#!/usr/bin/env bash
# How long one `coachbot` command takes from the shell, and its peak memory, three ways:
#   dotnet run      `dotnet run --project src/CoachBot.Cli -- <command>` (the README's first set-up command)
#   tool            the .NET tool as the README installs it (here with --tool-path in a temporary folder):
#                   ReadyToRun, for this machine's platform
#   portable        the tool package other platforms get (CoachBot.Cli.any): JIT only
# The variants take turns, one run each per round, so that load from elsewhere on the machine falls on all of them
# alike; each line gives the median and the fastest of its runs, and the peak memory of one more run.
#   RUNS=<n> (default 10) rounds; COMMAND="..." (default "phrase cost") the coachbot arguments.
# Takes about RUNS x 5 s plus the pack (up to a minute on two cores).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
RUNS="${RUNS:-10}"
COMMAND="${COMMAND:-phrase cost}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 Storage__SqlitePath="$work/coachbot.db"

dotnet build "$repo/src/CoachBot.Cli" --nologo -v quiet >/dev/null   # what `dotnet run` builds (Debug)
dotnet pack "$repo/src/CoachBot.Cli" -c Release -o "$work/artifacts" --nologo -v quiet >/dev/null
cat >"$work/nuget.config" <<XML
<configuration><packageSources><clear /><add key="artifacts" value="$work/artifacts" /></packageSources></configuration>
XML
dotnet tool install CoachBot.Cli --tool-path "$work/tools" --configfile "$work/nuget.config" >/dev/null
mkdir "$work/portable"
(cd "$work/portable" && unzip -q "$work"/artifacts/CoachBot.Cli.any.*.nupkg)
portable="$work/portable/tools/net10.0/any/coachbot.dll"

names=("dotnet run" "tool" "portable")
commands=(
  "dotnet run --project $repo/src/CoachBot.Cli -- $COMMAND"
  "$work/tools/coachbot $COMMAND"
  "dotnet $portable $COMMAND"
)
for i in "${!commands[@]}"; do ${commands[$i]} >/dev/null; done   # warm-up; a failing command stops the script here
for _ in $(seq 1 "$RUNS"); do
  for i in "${!commands[@]}"; do
    s=$(date +%s%N); ${commands[$i]} >/dev/null; e=$(date +%s%N)
    echo $(((e - s) / 1000000)) >>"$work/times.$i"
  done
done
echo "coachbot $COMMAND: $RUNS runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in "${!commands[@]}"; do
  median=$(sort -n "$work/times.$i" | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')
  fastest=$(sort -n "$work/times.$i" | head -1)
  peak=$( { /usr/bin/time -f "%M" ${commands[$i]} >/dev/null; } 2>&1 | tail -1)
  printf '%-14s median %5d ms   fastest %5d ms   peak memory %4d MB\n' "${names[$i]}" "$median" "$fastest" $((peak / 1024))
done
