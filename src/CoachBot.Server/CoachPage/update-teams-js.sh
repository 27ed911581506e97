#!/usr/bin/env bash
# Re-vendors @microsoft/teams-js from the npm registry into Assets/vendor/ (the page loads it only inside Teams).
# Usage: bash update-teams-js.sh [version]   (default: the version vendored now). Needs npm; nothing else is fetched.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${1:-2.58.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "@microsoft/teams-js@$version" --silent >/dev/null && tar xzf ./*.tgz)
# The source map is not shipped, so its reference is dropped (browsers would ask for it in vain).
sed '/^\/\/# sourceMappingURL=/d' "$work/package/dist/umd/MicrosoftTeams.min.js" >"$here/Assets/vendor/teams-js.min.js"
{
  echo "@microsoft/teams-js $version (npm), dist/umd/MicrosoftTeams.min.js; the bundle includes its npm dependencies"
  echo "base64-js and debug (both MIT). Re-vendor with src/CoachBot.Server/CoachPage/update-teams-js.sh."
  echo
  cat "$work/package/LICENSE"
} >"$here/Assets/vendor/teams-js.LICENSE.txt"
echo "vendored @microsoft/teams-js $version: $(wc -c <"$here/Assets/vendor/teams-js.min.js") bytes"
