#!/usr/bin/env bash
# Installs the Debian packages ictaudit builds and runs with, if any is missing; `bootstrap.sh test`
# adds what the tests compare against (tshark, tcpdump; openssl and curl for HTTPS).
# Needs root (or sudo). Runs `apt-get update` once, only when something must be installed.
set -euo pipefail
packages=(libssh2-1-dev libpcap-dev pkg-config openssh-server openssh-client busybox-static iproute2)
[ "${1:-}" = test ] && packages+=(tshark tcpdump iputils-ping strace openssl curl)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "bootstrap: need root to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
