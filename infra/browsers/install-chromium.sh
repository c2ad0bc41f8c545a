#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests (driven by playwright-core, which
# downloads no browser of its own). Idempotent: does nothing when a chromium is already on PATH or
# LREW_CHROMIUM points at one. Needs root (or sudo) and apt on Debian/Ubuntu.
set -euo pipefail

if [ -n "${LREW_CHROMIUM:-}" ] && [ -x "${LREW_CHROMIUM}" ]; then
  echo "${LREW_CHROMIUM}"
  exit 0
fi
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then
    command -v "$name"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install Chromium yourself and set LREW_CHROMIUM=/path/to/chromium" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
command -v chromium
