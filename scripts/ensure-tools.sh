#!/bin/sh
# Make sure the tests' outside tools are installed: Debian's Chromium (Playwright drives it; it cannot
# download its own browser here) and a Java runtime (for the W3C HTML checker, vnu.jar, from npm).
# Installs what is missing with apt-get when run as root (or with sudo).
set -eu
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
missing=""
[ -x "$CHROMIUM" ] || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "Missing:$missing — run 'apt-get install$missing' as root" >&2; exit 1
fi
echo "Installing$missing for the tests..." >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1 \
  || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null; }
[ -x "$CHROMIUM" ] || { echo "Chromium did not install at $CHROMIUM" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "Java did not install" >&2; exit 1; }
