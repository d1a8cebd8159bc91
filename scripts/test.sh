#!/usr/bin/env bash
# The whole test suite. SSH tests start real sshd hosts (lab/lab.sh) and need root; without root
# they are skipped with a message saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh test
swift build --build-tests
swift test --skip-build "$@"
