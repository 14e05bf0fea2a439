#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks: Chromium, ffmpeg, procps, Tesseract and espeak-ng (apt), and the npm packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
# Debian's ffmpeg: the renderer prefers it to the 2018 build that @ffmpeg-installer ships.
if [ -z "${FFMPEG_PATH:-}" ] && [ ! -x /usr/bin/ffmpeg ]; then
  missing+=(ffmpeg)
fi
# procps: the render tests list processes with `ps` to prove none is left behind.
if ! command -v ps >/dev/null 2>&1; then
  missing+=(procps)
fi
# Tesseract OCR: the truth test reads every number back from the rendered video.
if [ -z "${TESSERACT_PATH:-}" ] && ! command -v tesseract >/dev/null 2>&1; then
  missing+=(tesseract-ocr)
fi
# espeak-ng: the narration's speech (a render with --no-audio does without it).
if [ -z "${ESPEAK_NG_PATH:-}" ] && ! command -v espeak-ng >/dev/null 2>&1; then
  missing+=(espeak-ng)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]} with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
