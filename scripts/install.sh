#!/usr/bin/env bash
# Installs ictaudit as a service, after `swift build -c release --static-swift-stdlib` (the Swift runtime and
# Foundation linked in, so the installed binary needs only libssh2, libpcap and SQLite from the system):
#   the binary and its resource bundles  PREFIX/lib/ictaudit/  (PREFIX/bin/ictaudit links to it)
#   policies, catalogues, ranking methods PREFIX/share/ictaudit/
#   a commented configuration            /etc/ictaudit/service.yaml, schedules.yaml (kept if present)
#   the store                            /var/lib/ictaudit/ (owned by the user 'ictaudit')
#   the systemd unit                     SYSTEMD_DIR/ictaudit.service (enabled and started when systemd runs)
#
# Environment: PREFIX (/usr/local), DESTDIR (stage into a folder, e.g. for the Debian package:
# nothing outside it is touched, no user made, no service started), BUILD_DIR (.build/release),
# SYSTEMD_DIR (/etc/systemd/system).
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
BUILD_DIR=${BUILD_DIR:-.build/release}
SYSTEMD_DIR=${SYSTEMD_DIR:-/etc/systemd/system}

if [ ! -x "$BUILD_DIR/ictaudit" ]; then
  echo "install.sh: $BUILD_DIR/ictaudit is missing; run: swift build -c release --static-swift-stdlib" >&2
  exit 1
fi

root="$DESTDIR"
lib="$root$PREFIX/lib/ictaudit"
share="$root$PREFIX/share/ictaudit"
install -d -m 0755 "$lib" "$root$PREFIX/bin" "$share" "$root$PREFIX/share/doc/ictaudit" "$root/etc/ictaudit" "$root$SYSTEMD_DIR"
install -d -m 0750 "$root/var/lib/ictaudit"

install -m 0755 "$BUILD_DIR/ictaudit" "$lib/ictaudit"
# Templates and the dashboard's assets travel as SwiftPM resource bundles beside the binary.
for bundle in "$BUILD_DIR"/*.resources; do
  [ -d "$bundle" ] || continue
  rm -rf "$lib/$(basename "$bundle")"
  cp -R "$bundle" "$lib/"
done
ln -sfn ../lib/ictaudit/ictaudit "$root$PREFIX/bin/ictaudit"

rm -rf "$share/policies" "$share/inventory"
cp -R policies "$share/policies"
cp -R inventory "$share/inventory"
find "$share" -type d -exec chmod 0755 {} + && find "$share" -type f -exec chmod 0644 {} +
install -m 0644 README.md "$root$PREFIX/share/doc/ictaudit/README.md"

# Configuration: never overwrite an administrator's file; a newer example lands beside it as .new.
for file in service.yaml schedules.yaml; do
  target="$root/etc/ictaudit/$file"
  if [ -e "$target" ]; then target="$target.new"; fi
  sed "s|@PREFIX@|$PREFIX|g" "packaging/etc/$file" > "$target"
  chmod 0644 "$target"
done
sed "s|@PREFIX@|$PREFIX|g" packaging/systemd/ictaudit.service > "$root$SYSTEMD_DIR/ictaudit.service"
chmod 0644 "$root$SYSTEMD_DIR/ictaudit.service"

if [ -n "$DESTDIR" ]; then
  echo "install.sh: staged under $DESTDIR (prefix $PREFIX)"
  exit 0
fi

# A real install: the service's own user, owning only its data.
if ! getent passwd ictaudit >/dev/null; then
  useradd --system --home-dir /var/lib/ictaudit --no-create-home --shell /usr/sbin/nologin \
    --comment "ictaudit service" ictaudit
fi
chown -R ictaudit:ictaudit /var/lib/ictaudit
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable --now ictaudit.service
  echo "install.sh: ictaudit.service enabled and started; dashboard on http://127.0.0.1:8470/"
else
  echo "install.sh: systemd is not running here; start by hand: runuser -u ictaudit -- $PREFIX/bin/ictaudit serve"
fi
echo "install.sh: make a sign-in token: runuser -u ictaudit -- $PREFIX/bin/ictaudit serve token add admin --role admin"
