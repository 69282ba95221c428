#!/usr/bin/env bash
# Runs every Tracemark test on a fresh machine: installs what the tests need, then `dotnet test`.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

# Native and server packages the tests use: PostgreSQL for the store tests (a throwaway cluster per test run),
# libsodium for the OPRF, Node and Chromium for the exposure check's interop and browser tests, and CJK fonts so
# that the pages' Chinese renders as text, not boxes, in the browser tests and screenshots.
need=(postgresql libsodium23 nodejs chromium fonts-noto-cjk)
if ((${#need[@]})); then
  missing=()
  for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}"
  fi
fi

command -v npm >/dev/null || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"; $SUDO apt-get install -y -qq npm; }
# The page's client libraries and the browser driver (scripts/web/package-lock.json pins them). The workspace's
# browser tests use Microsoft.Playwright instead, whose Node driver comes with its NuGet package (the build copies it
# next to the tests); both drive the system Chromium above, and neither downloads a browser.
(cd scripts/web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)

dotnet test Tracemark.slnx -c Release --nologo "$@"
