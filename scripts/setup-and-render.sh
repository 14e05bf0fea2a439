#!/usr/bin/env bash
# The README's render command: set up, then render every scene of the lecture to output/*.mp4.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run render -- "$@"
