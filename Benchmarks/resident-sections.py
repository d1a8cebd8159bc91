#!/usr/bin/env python3
"""resident-sections.py PID BINARY - which parts of a running binary are in memory, per ELF section.

Reads /proc/PID/maps and /proc/PID/pagemap (root, or the process's own user with CAP_SYS_ADMIN for
the present bit) and attributes every resident page of BINARY's mappings to the ELF sections it
covers, so a process's floor can be read as "3 MB of relocations, 2 MB of symbol tables" rather
than one RSS number. How the capture command's floor was found (Benchmarks/README, issue 13):

    mkfifo /tmp/f; ictaudit capture --file /tmp/f --format json & sleep 1   # stops at the open
    python3 Benchmarks/resident-sections.py $! .build/release/ictaudit; exec 3>/tmp/f; exec 3>&-

Shared pages count in full. The page cache state of BINARY matters: a file just written by cp or
the linker may sit in large folios, which map more pages around each one touched.
"""
import collections
import os
import re
import struct
import subprocess
import sys


def main(pid: str, binary: str) -> None:
    real = os.path.realpath(binary)
    maps = []
    for line in open(f"/proc/{pid}/maps"):
        fields = line.split()
        if len(fields) >= 6 and os.path.realpath(fields[5]) == real:
            low, high = (int(x, 16) for x in fields[0].split("-"))
            maps.append((low, high, int(fields[2], 16)))
    if not maps:
        sys.exit(f"{binary} is not mapped by process {pid}")
    base = min(low - offset for low, _, offset in maps)
    sections = []
    readelf = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
    for line in readelf.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if m and int(m.group(2), 16):
            start = int(m.group(2), 16)
            sections.append((start, start + int(m.group(3), 16), m.group(1)))
    size = collections.Counter()
    for start, end, name in sections:
        size[name] += end - start
    resident = collections.Counter()
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for low, high, _ in maps:
            pagemap.seek(low // 4096 * 8)
            entries = pagemap.read((high - low) // 4096 * 8)
            for i in range((high - low) // 4096):
                if not struct.unpack_from("<Q", entries, i * 8)[0] >> 63 & 1:
                    continue
                page = low + i * 4096 - base
                covered = False
                for start, end, name in sections:
                    overlap = min(end, page + 4096) - max(start, page)
                    if overlap > 0:
                        resident[name] += overlap
                        covered = True
                if not covered:
                    resident["(between sections)"] += 4096
    print(f"{binary}: {sum(resident.values()) / 1024:.0f} KB resident")
    for name, count in resident.most_common():
        if count >= 4096:
            print(f"{count / 1024:9.0f} KB of {size[name] / 1024:9.0f} KB  {name}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
