#!/usr/bin/env bash
# capture-command.sh [FILE] [RUNS]
# The whole `ictaudit capture --file FILE --format json` (start-up, catalogues, analysis, JSON on
# stdout) beside the plain C libpcap loop (../shared/peers/pcapread.c, gcc -O2) on the same file,
# run in turn A B A B ... with the page cache warm, each timed by /usr/bin/time: wall, user+sys
# and peak RSS per run, medians, and the ratio of C's wall time to ours pair by pair (1.0 = as
# fast as the C loop). FILE defaults to a 1 M-packet capture made by ../shared/peers/pcap-gen.py.
#
# The binary's own pages are dropped from the page cache first (posix_fadvise on that one file):
# a file just written by the linker or `cp` sits in the cache in large folios, and mapping those
# makes the same binary's peak RSS ~3 MiB higher than when it is paged in by running it, as an
# installed binary is. The load average is printed: on a busy machine compare CPU, not wall.
#
#   swift build -c release --static-swift-stdlib --product ictaudit
#   bash Benchmarks/capture-command.sh /tmp/big.pcap 7
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
PEERS=$HERE/../shared/peers
FILE=${1:-/tmp/ictaudit-capture-1m.pcap}
RUNS=${2:-7}
BIN=${ICTAUDIT:-$HERE/.build/release/ictaudit}
[ -x "$BIN" ] || { echo "no $BIN: swift build -c release --static-swift-stdlib --product ictaudit" >&2; exit 2; }
[ -f "$FILE" ] || python3 "$PEERS/pcap-gen.py" -o "$FILE" -n 1000000 >/dev/null
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
gcc -O2 -o "$WORK/pcapread" "$PEERS/pcapread.c" -lpcap
cat "$FILE" >/dev/null  # page cache warm for both
python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$BIN"

# One warm-up each, then RUNS pairs.
"$BIN" capture --file "$FILE" --format json --data "$HERE" >/dev/null
"$WORK/pcapread" "$FILE" >/dev/null
for i in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/a.$i" "$BIN" capture --file "$FILE" --format json --data "$HERE" >"$WORK/out.json"
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/b.$i" "$WORK/pcapread" "$FILE" >/dev/null
done
python3 - "$WORK" "$RUNS" "$FILE" "$(stat -c %s "$WORK/out.json")" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import statistics, sys
work, runs, file, out, load = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
def read(k, i):
    wall, user, sys_, rss = open(f"{work}/{k}.{i}").read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss) / 1024
a = [read("a", i) for i in range(1, runs + 1)]
b = [read("b", i) for i in range(1, runs + 1)]
med = lambda xs: statistics.median(xs)
ratios = [y[0] / x[0] for x, y in zip(a, b) if x[0] > 0]
print(f"file {file}, {runs} runs each, alternating; JSON written: {out / 1048576:.1f} MiB; load average {load}")
print(f"{'':34s}{'wall s (min-med-max)':>24s}{'cpu s med':>11s}{'peak MiB max':>14s}")
for name, xs in (("ictaudit capture --format json", a), ("pcapread.c (gcc -O2)", b)):
    w = [x[0] for x in xs]
    print(f"{name:34s}{min(w):8.2f}{med(w):8.2f}{max(w):8.2f}{med([x[1] for x in xs]):11.2f}{max(x[2] for x in xs):14.1f}")
print(f"speed, C wall / ictaudit wall per pair: median {med(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}); target >= 0.80")
cpu = [y[1] / x[1] for x, y in zip(a, b) if x[1] > 0]
print(f"speed by CPU, C user+sys / ictaudit user+sys per pair: median {med(cpu):.2f}")
print(f"ictaudit peak RSS {max(x[2] for x in a):.1f} MiB; target <= 32 MiB")
PY
