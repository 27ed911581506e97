#!/usr/bin/env bash
# Runs every test CoachBot has and ends with one line: "tests: N passed, N failed".
# Installs what the tests need first (idempotent; see .ci/setup.sh). Exit code is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

bash .ci/setup.sh || { echo "setup failed"; echo "tests: 0 passed, 1 failed"; exit 1; }

# A throwaway PostgreSQL on a loopback port for the storage contract tests, removed when the run ends.
if [ -z "${COACHBOT_TEST_POSTGRES:-}" ]; then
  pg_env=$(bash .ci/postgres.sh start) || { echo "could not start PostgreSQL"; echo "tests: 0 passed, 1 failed"; exit 1; }
  eval "$pg_env"
  stop_postgres() { bash .ci/postgres.sh stop "$COACHBOT_TEST_POSTGRES_DIR" >/dev/null 2>&1 || true; }
  trap stop_postgres EXIT
fi

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

passed=0
failed=0
status=0

dotnet test CoachBot.sln -c Release --logger "trx" --results-directory "$results" 2>&1 | tee "$results/dotnet-test.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# Counts come from the run's own TRX results, one file per test project.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any result was written.
  failed=1
fi

# Suites outside dotnet test print "<name>: N passed, N failed" as their last line.
for suite in e2e/*/run.sh; do
  [ -f "$suite" ] || continue
  out=$(bash "$suite" 2>&1); rc=$?
  echo "$out"
  line=$(grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed' <<<"$out" | tail -1)
  p=$(sed -n 's/.*: \([0-9]*\) passed.*/\1/p' <<<"$line")
  f=$(sed -n 's/.* passed, \([0-9]*\) failed.*/\1/p' <<<"$line")
  if [ -z "$line" ]; then f=1; p=0; echo "$suite printed no result line"; fi
  [ "$rc" -eq 0 ] || { status=1; [ "${f:-0}" -gt 0 ] || f=1; }
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

[ "$failed" -eq 0 ] || status=1
# Clean up before the summary so that it is the run's last line.
if declare -F stop_postgres >/dev/null; then stop_postgres; trap - EXIT; fi
echo "tests: $passed passed, $failed failed"
exit $status
