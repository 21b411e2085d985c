#!/usr/bin/env bash
# System libraries Qt needs (offscreen and on a real screen) and the tools make uses.
# As root: installs what is missing with apt-get. Otherwise: prints the exact line and fails.
# `ensure-system.sh test` adds what only the tests use: LibreOffice (a real spreadsheet client
# reads our exports back), poppler's pdftotext/pdftoppm and zbarimg (PDF text and QR codes),
# PostgreSQL (the server tests run on it as well as on SQLite, see with-postgres.sh), Debian's
# chromium for the dashboard's browser tests, and libatomic1, which playwright's driver needs.
set -euo pipefail
PKGS=(python3 python3-venv libgl1 libegl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libdbus-1-3
      fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
      libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0
      xvfb xauth)
if [ "${1:-}" = "test" ]; then
  PKGS+=(libreoffice-calc-nogui poppler-utils zbar-tools postgresql chromium libatomic1 desktop-file-utils)
fi
command -v dpkg-query >/dev/null || { echo "not Debian/Ubuntu: install Qt 6's runtime libraries yourself" >&2; exit 0; }
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Payung Desa needs these system packages. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
