#!/usr/bin/env bash
# Builds the Debian package from the same layout as scripts/install.sh (staged with DESTDIR),
# with Debian's own dpkg-deb. Output: ictaudit_VERSION_ARCH.deb in OUT (default: .build/deb).
# Environment: BUILD_DIR (.build/release), OUT, VERSION (from `ictaudit --version`), COMPRESSION (xz; none for tests).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-.build/release}
OUT=${OUT:-.build/deb}
VERSION=${VERSION:-$("$BUILD_DIR/ictaudit" --version)}
ARCH=$(dpkg --print-architecture)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR="$stage" PREFIX=/usr SYSTEMD_DIR=/lib/systemd/system BUILD_DIR="$BUILD_DIR" bash scripts/install.sh >/dev/null
# dpkg owns the configuration files; the store folder is made by postinst for the service user.
rm -rf "$stage/var"
install -d "$stage/DEBIAN"
# The shipped binary (`swift build -c release --static-swift-stdlib`) links the Swift runtime and Foundation in;
# from the system it needs libssh2, libpcap, SQLite, zlib and the C++ runtime (ldd of the release binary).
depends=$(dpkg-query -W -f='${Depends}' libssh2-1 >/dev/null 2>&1 && echo "libssh2-1, libpcap0.8, libsqlite3-0, zlib1g, libstdc++6, adduser" || echo "adduser")
size=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: ictaudit
Version: $VERSION
Architecture: $ARCH
Maintainer: ictaudit developers <ictaudit@localhost>
Installed-Size: $size
Depends: $depends
Section: admin
Priority: optional
Description: ICT inventory and security compliance auditing service
 Scans hosts over SSH, keeps their history, judges them against readable
 policies and ranks units; runs scheduled scans with an HTTP API and a
 dashboard (ictaudit serve).
CONTROL
printf '/etc/ictaudit/service.yaml\n/etc/ictaudit/schedules.yaml\n' > "$stage/DEBIAN/conffiles"
cat > "$stage/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  if ! getent passwd ictaudit >/dev/null; then
    adduser --system --group --home /var/lib/ictaudit --no-create-home --shell /usr/sbin/nologin ictaudit >/dev/null
  fi
  install -d -m 0750 -o ictaudit -g ictaudit /var/lib/ictaudit
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null || true
    systemctl enable --now ictaudit.service >/dev/null || true
  fi
fi
exit 0
POSTINST
cat > "$stage/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ "$1" = remove ]; then
  systemctl disable --now ictaudit.service >/dev/null || true
fi
exit 0
PRERM
cat > "$stage/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload >/dev/null || true; fi
# The store is the audit history: kept on remove, deleted only on purge.
if [ "$1" = purge ]; then
  rm -rf /var/lib/ictaudit
  if getent passwd ictaudit >/dev/null; then deluser --system ictaudit >/dev/null || true; fi
fi
exit 0
POSTRM
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"
mkdir -p "$OUT"
dpkg-deb --root-owner-group -Z"${COMPRESSION:-xz}" --build "$stage" "$OUT/ictaudit_${VERSION}_${ARCH}.deb" >/dev/null
echo "$OUT/ictaudit_${VERSION}_${ARCH}.deb"
