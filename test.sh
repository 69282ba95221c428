#!/usr/bin/env bash
# Runs every Tracemark test on a fresh machine: installs what the tests need, then `dotnet test`.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

# Native and server packages the tests use: PostgreSQL for the store tests (a throwaway cluster per test run).
need=(postgresql)
if ((${#need[@]})); then
  missing=()
  for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}"
  fi
fi

dotnet test Tracemark.slnx -c Release --nologo "$@"
