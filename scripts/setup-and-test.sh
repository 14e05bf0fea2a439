#!/usr/bin/env bash
# The README's test command: set up, type-check, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx tsc --noEmit
npx vitest run
