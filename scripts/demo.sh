#!/usr/bin/env bash
# The demo audit: starts the lab (real sshd hosts on 127.0.0.1), audits inventory/demo.yaml into
# reports/demo/ with the embedded SQLite store var/demo.sqlite, then stops the lab.
# Run it twice and the store holds two scans.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash lab/lab.sh start
trap 'bash lab/lab.sh stop >/dev/null' EXIT
swift build --product ictaudit
# The capture the inventory names: made by code, the same bytes every run.
swift build --product demo-capture
"$(swift build --show-bin-path)/demo-capture" .lab/demo-capture.pcap >/dev/null
"$(swift build --show-bin-path)/ictaudit" audit inventory/demo.yaml --out reports/demo --store var/demo.sqlite --method mic-it-application "$@"
