#!/usr/bin/env bash
# Installs what the test suites need, only where it is missing, so a second run costs seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
: > .ci/env
