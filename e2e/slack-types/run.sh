#!/usr/bin/env bash
# Type-checks every Slack payload CoachBot renders (messages, the deal summary modal, the App Home view) against
# @slack/types with `tsc --noEmit --strict`. The payloads are written as .ts files by the C# payload catalogue
# test; each file is one payload, and a file with any type error counts as failed.
# Prints "slack-types: N passed, N failed" and exits non-zero when any failed or none were checked.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$here"

if [ ! -x node_modules/.bin/tsc ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

rm -rf generated
mkdir -p generated
COACHBOT_SLACK_PAYLOADS_DIR="$here/generated" dotnet test "$repo/tests/CoachBot.Slack.Tests" -c Release \
  --filter "FullyQualifiedName~SlackPayloadCatalogTests" --nologo --verbosity quiet >generated.log 2>&1 || {
  cat generated.log >&2
  echo "slack-types: 0 passed, 1 failed"
  exit 1
}

total=$(find generated -name '*.ts' | wc -l)
if [ "$total" -eq 0 ]; then
  echo "slack-types: no payloads were generated" >&2
  echo "slack-types: 0 passed, 1 failed"
  exit 1
fi

set +e
node_modules/.bin/tsc -p tsconfig.json --pretty false >tsc.log 2>&1
set -e
failed=$( (grep -oE '^generated/[^(]+\.ts' tsc.log || true) | sort -u | wc -l)
if [ "$failed" -gt 0 ]; then
  cat tsc.log >&2
elif grep -q 'error TS' tsc.log; then
  # An error outside the generated files (configuration, the library) fails the whole check.
  cat tsc.log >&2
  failed=$total
fi
passed=$((total - failed))
echo "slack-types: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
