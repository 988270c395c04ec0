#!/usr/bin/env bash
# Debian's Chromium for the end-to-end page tests (playwright-core drives it; no browser download).
# Installs it when missing and prints its path as the last line.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
fi
echo /usr/bin/chromium
