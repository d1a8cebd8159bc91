#!/usr/bin/env bash
# lab.sh - real OpenSSH test hosts on 127.0.0.1 for tests and the demo (DESIGN.md "Test hosts").
#
#   lab/lab.sh start|stop|status [--dir DIR] [--base-port N]
#
# One sshd per host on 127.0.0.1:BASE+i, each with its own host key and sshd_config in DIR, and a
# ChrootDirectory into a static-busybox chroot under /srv/ictaudit-lab/<hash of DIR>/<host> that
# holds the host's fixture files (/etc/os-release, /proc/..., /sys/class/dmi/id/..., sshd_config,
# ClamAV files). The probe batch really runs there, through a real SSH session.
#
# Why /srv and not DIR: sshd refuses a chroot unless every path component is root-owned and not
# writable by group or others, which /tmp (and many checkouts) are not.
#
# Fixture /proc is a plain directory: the probe reads files, so the files are the host.
# `ip` in each chroot is a fixture script (/usr/sbin/ip) printing recorded `ip -o` output, because
# busybox `ip` would answer over netlink with the lab machine's own interfaces. There is no /bin/ip
# applet link: busybox sh runs applets in preference to PATH, so the probe calls ip by its path.
set -euo pipefail

STARTING=0
# A start that fails part-way stops what it started, so no half lab keeps ports busy.
die() {
  echo "lab.sh: $*" >&2
  if [ "$STARTING" = 1 ]; then STARTING=0; stop_lab; fi
  exit 1
}
usage() { echo "usage: lab/lab.sh start|stop|status [--dir DIR] [--base-port N]" >&2; exit 2; }

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$SCRIPT_DIR")
CMD=${1:-}; [ $# -gt 0 ] && shift
DIR=$REPO/.lab
BASE=22300
while [ $# -gt 0 ]; do
  case $1 in
    --dir) DIR=${2:?--dir needs a value}; shift 2 ;;
    --base-port) BASE=${2:?--base-port needs a value}; shift 2 ;;
    *) usage ;;
  esac
done
[[ $BASE =~ ^[0-9]+$ ]] && [ "$BASE" -ge 1024 ] && [ "$BASE" -le 65500 ] || die "--base-port must be 1024..65500"
DIR=$(realpath -m "$DIR")
HASH=$(printf %s "$DIR" | sha256sum | cut -c1-12)
CHROOTS=/srv/ictaudit-lab/$HASH
LABUSER=ictlab
# The hosts come from ONE table, lab/hosts.tsv: name, port offset, build functions, description.
HOSTS=()
declare -A OFFSET BUILD
while IFS=$'\t' read -r h offset build _; do
  case $h in '' | '#'*) continue ;; esac
  HOSTS+=("$h"); OFFSET[$h]=$offset; BUILD[$h]=$build
done <"$SCRIPT_DIR/hosts.tsv"
[ ${#HOSTS[@]} -gt 0 ] || die "no hosts in $SCRIPT_DIR/hosts.tsv"

[ "$(id -u)" -eq 0 ] || die "must run as root (it starts sshd with ChrootDirectory and builds root-owned chroots under /srv)"

# Pid files name the sshd of this DIR; the cmdline check keeps a recycled pid from being killed.
lab_pid() { # host -> pid of its running sshd, or nothing
  local pf=$DIR/hosts/$1/sshd.pid pid
  [ -s "$pf" ] || return 1
  pid=$(cat "$pf")
  [[ $pid =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DIR/hosts/$1/sshd_config" || return 1
  echo "$pid"
}

stop_lab() {
  local h pid
  for h in "${HOSTS[@]}"; do
    if pid=$(lab_pid "$h"); then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$DIR/hosts/$h/sshd.pid"
  done
  rm -rf "$CHROOTS"
}

status_lab() {
  local h port pid n=0
  [ -f "$DIR/hosts.tsv" ] || { echo "lab: not started in $DIR"; return 0; }
  while IFS=$'\t' read -r h port; do
    if pid=$(lab_pid "$h"); then echo "$h	127.0.0.1:$port	pid $pid	running"; n=$((n + 1))
    else echo "$h	127.0.0.1:$port	-	stopped"; fi
  done <"$DIR/hosts.tsv"
  echo "lab: $n running in $DIR"
}

ensure_packages() {
  local missing=() p
  for p in openssh-server openssh-client busybox-static; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "lab: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || die "could not install ${missing[*]}"
}

ensure_user() {
  if ! id "$LABUSER" >/dev/null 2>&1; then
    # Two labs starting at once may race here; the loser just finds the user made.
    useradd -M -d / -s /bin/sh "$LABUSER" 2>/dev/null || id "$LABUSER" >/dev/null 2>&1 || die "useradd $LABUSER failed"
  fi
  usermod -p '*' "$LABUSER"
}

# ---------------------------------------------------------------- fixture helpers
R=                                 # root of the chroot being built
put() { mkdir -p "$(dirname "$R$1")"; cat >"$R$1"; chmod "${2:-644}" "$R$1"; }
putx() { put "$1" 755; }

base_chroot() { # host
  R=$CHROOTS/$1
  mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,usr/lib,etc/ssh/sshd_config.d,dev,tmp,proc/sys/kernel,proc/net,sys/class/dmi/id,var/lib}
  cp /bin/busybox "$R/bin/busybox"
  local a
  for a in sh ash cat head tail ls sed awk grep tr cut date stat uname echo printf base64 od hexdump \
    id test [ true false sleep wc sort uniq env readlink basename dirname find xargs timeout expr seq; do
    ln -sf busybox "$R/bin/$a"
  done
  [ -e "$R/dev/null" ] || mknod -m 666 "$R/dev/null" c 1 3
  chmod 1777 "$R/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\n%s:x:%s:%s::/:/bin/sh\n' "$LABUSER" "$(id -u $LABUSER)" "$(id -g $LABUSER)" | put /etc/passwd
  printf 'root:x:0:\n%s:x:%s:\n' "$LABUSER" "$(id -g $LABUSER)" | put /etc/group
}

os_release() { # text on stdin; Debian, Ubuntu and EL ship /etc/os-release as a link to /usr/lib
  put /usr/lib/os-release
  ln -sf ../usr/lib/os-release "$R/etc/os-release"
}

hostname_is() { printf '%s\n' "$1" | put /proc/sys/kernel/hostname; printf '%s\n' "$1" | put /etc/hostname; }
kernel_is() { printf '%s\n' "$1" | put /proc/sys/kernel/osrelease; printf 'Linux\n' | put /proc/sys/kernel/ostype; }
uptime_is() { printf '%s %s\n' "$1" "$2" | put /proc/uptime; }

cpuinfo() { # model cores mhz vendor family model stepping [vm]: a virtual machine's CPU sets the hypervisor flag
  local i hv=
  [ "${8:-}" = vm ] && hv=' hypervisor'
  for ((i = 0; i < $2; i++)); do
    cat <<EOF
processor	: $i
vendor_id	: $4
cpu family	: $5
model		: $6
model name	: $1
stepping	: $7
microcode	: 0x5003604
cpu MHz		: $3
cache size	: 16896 KB
physical id	: 0
siblings	: $2
core id		: $i
cpu cores	: $2
apicid		: $i
initial apicid	: $i
fpu		: yes
fpu_exception	: yes
cpuid level	: 22
wp		: yes
flags		: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc arch_perfmon rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand$hv lahf_lm abm 3dnowprefetch fsgsbase bmi1 avx2 smep bmi2 erms invpcid rdseed adx smap clflushopt xsaveopt xsavec xgetbv1 xsaves arat
bugs		: spectre_v1 spectre_v2 spec_store_bypass swapgs
bogomips	: $(awk "BEGIN{printf \"%.2f\", $3*2}")
clflush size	: 64
cache_alignment	: 64
address sizes	: 46 bits physical, 48 bits virtual
power management:

EOF
  done | put /proc/cpuinfo
}

meminfo() { # total_kB available_kB
  local t=$1 a=$2
  cat <<EOF | put /proc/meminfo
MemTotal:       $(printf '%8d' "$t") kB
MemFree:        $(printf '%8d' $((a / 3))) kB
MemAvailable:   $(printf '%8d' "$a") kB
Buffers:          182344 kB
Cached:         $(printf '%8d' $((a / 2))) kB
SwapCached:            0 kB
Active:         $(printf '%8d' $((t / 4))) kB
Inactive:       $(printf '%8d' $((t / 5))) kB
Active(anon):     412332 kB
Inactive(anon):     1204 kB
Active(file):     893220 kB
Inactive(file):   744096 kB
Unevictable:           0 kB
Mlocked:               0 kB
SwapTotal:       1000444 kB
SwapFree:        1000444 kB
Dirty:                84 kB
Writeback:             0 kB
AnonPages:        398712 kB
Mapped:           156020 kB
Shmem:             14824 kB
KReclaimable:      98312 kB
Slab:             172448 kB
SReclaimable:      98312 kB
SUnreclaim:        74136 kB
KernelStack:        4592 kB
PageTables:         8804 kB
CommitLimit:     5074488 kB
Committed_AS:    1532904 kB
VmallocTotal:   34359738367 kB
VmallocUsed:       25620 kB
VmallocChunk:          0 kB
HugePages_Total:       0
HugePages_Free:        0
Hugepagesize:       2048 kB
DirectMap4k:      169792 kB
DirectMap2M:     8218624 kB
EOF
}

dmi() { # date(MM/DD/YYYY) bios_vendor sys_vendor product
  printf '%s\n' "$1" | put /sys/class/dmi/id/bios_date
  printf '%s\n' "$2" | put /sys/class/dmi/id/bios_vendor
  printf '%s\n' "$3" | put /sys/class/dmi/id/sys_vendor
  printf '%s\n' "$4" | put /sys/class/dmi/id/product_name
}

# /proc/net/{tcp,udp}{,6} exactly as the kernel prints them (addresses little-endian hex).
TCP_HEAD='  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     '
UDP_HEAD='   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops             '
TCP6_HEAD='  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'
UDP6_HEAD='  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops'
A4_ANY=00000000:0000
A6_ZERO=00000000000000000000000000000000
A6_ANY=$A6_ZERO:0000
tcp_row() { printf '%4d: %s %s %s 00000000:00000000 00:00000000 00000000 %5d        0 %d 1 0000000000000000 100 0 0 10 0                     \n' "$1" "$2" "$3" "$4" "${6:-0}" "$5"; }
udp_row() { printf '%5d: %s %s %s 00000000:00000000 00:00000000 00000000 %5d        0 %d 2 0000000000000000 0         \n' "$1" "$2" "$3" "$4" "${6:-0}" "$5"; }
tcp6_row() { printf '%4d: %s %s %s 00000000:00000000 00:00000000 00000000 %5d        0 %d 1 0000000000000000 100 0 0 10 0\n' "$1" "$2" "$3" "$4" "${6:-0}" "$5"; }
udp6_row() { printf '%5d: %s %s %s 00000000:00000000 00:00000000 00000000 %5d        0 %d 2 0000000000000000 0\n' "$1" "$2" "$3" "$4" "${6:-0}" "$5"; }

route() { # iface gateway_hex net_hex mask_hex
  printf 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                       \n'
  printf '%s\t00000000\t%s\t0003\t0\t0\t100\t00000000\t0\t0\t0                                                                               \n' "$1" "$2"
  printf '%s\t%s\t00000000\t0001\t0\t0\t100\t%s\t0\t0\t0                                                                               \n' "$1" "$3" "$4"
}

ip_fixture() { # addr-text link-text (recorded `ip -o` outputs)
  {
    printf '#!/bin/sh\n# Fixture: prints what `ip -o addr show` / `ip -o link show` printed on the recorded host.\n'
    printf 'case "$*" in\n'
    printf -- '-o\\ addr*|-o\\ a|-o\\ a\\ *|-o\\ address*) cat <<'"'"'EOF'"'"'\n%s\nEOF\n;;\n' "$1"
    printf -- '-o\\ link*|-o\\ l|-o\\ l\\ *) cat <<'"'"'EOF'"'"'\n%s\nEOF\n;;\n' "$2"
    printf '*) echo "Object \\"$1\\" is unknown, try \\"ip help\\"." >&2; exit 1;;\nesac\n'
  } | putx /usr/sbin/ip
}

procs() { # pid:comm ...
  local pc
  for pc in "$@"; do printf '%s\n' "${pc#*:}" | put "/proc/${pc%%:*}/comm"; done
}

cvd() { # path epoch version sigs mtime_epoch: a real CVD/CLD header (512 bytes) + payload bytes
  local when
  when=$(LC_ALL=C date -u -d "@$2" '+%d %b %Y %H-%M %z')
  mkdir -p "$(dirname "$R$1")"
  { printf '%-512s' "ClamAV-VDB:$when:$3:$4:90:X:X:raynman:$2"; head -c 1536 /dev/urandom; } >"$R$1"
  chmod 644 "$R$1"
  touch -d "@$5" "$R$1"
}

clamav() { # version dailyver date-epoch
  local d
  d=$(LC_ALL=C date -u -d "@$3" '+%a %b %e %H:%M:%S %Y')
  cat <<EOF | putx /usr/bin/clamscan
#!/bin/sh
# Fixture clamscan: answers --version as ClamAV does.
case "\$1" in
  --version|-V) echo 'ClamAV $1/$2/$d' ;;
  *) echo 'LibClamAV Error: fixture clamscan only answers --version' >&2; exit 2 ;;
esac
EOF
  printf '#!/bin/sh\necho "ERROR: Can'"'"'t open/parse the config file /etc/clamav/clamd.conf" >&2\nexit 1\n' | putx /usr/sbin/clamd
  printf '#!/bin/sh\necho "ERROR: /var/log/clamav/freshclam.log is locked by another process" >&2\nexit 62\n' | putx /usr/bin/freshclam
  mkdir -p "$R/var/lib/clamav"
}

# ---------------------------------------------------------------- the hosts
host_debian_ok() {
  base_chroot debian-ok
  hostname_is srv-dvc-01
  printf '12.5\n' | put /etc/debian_version
  os_release <<'EOF'
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
EOF
  kernel_is 6.1.0-18-amd64
  uptime_is 1296037.52 4938211.07
  cpuinfo 'Intel(R) Xeon(R) Silver 4214R CPU @ 2.40GHz' 4 2394.374 GenuineIntel 6 85 7
  meminfo 8148092 6532104
  dmi 03/15/2021 'Dell Inc.' 'Dell Inc.' 'PowerEdge R640'
  route ens18 010A0A0A 000A0A0A 00FFFFFF | put /proc/net/route
  ip_fixture \
'1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host noprefixroute \       valid_lft forever preferred_lft forever
2: ens18    inet 10.10.10.21/24 brd 10.10.10.255 scope global ens18\       valid_lft forever preferred_lft forever
2: ens18    inet6 fe80::be24:11ff:fe5a:3c1d/64 scope link \       valid_lft forever preferred_lft forever' \
'1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: ens18: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\    link/ether bc:24:11:5a:3c:1d brd ff:ff:ff:ff:ff:ff\    altname enp0s18'
  { echo "$TCP_HEAD"
    tcp_row 0 00000000:0016 $A4_ANY 0A 18231
    tcp_row 1 150A0A0A:0016 0B000A0A:D3A2 01 412233
    tcp_row 2 0100007F:E1C4 0100007F:0CEE 06 0 1000; } | put /proc/net/tcp
  { echo "$TCP6_HEAD"; tcp6_row 0 $A6_ZERO:0016 $A6_ANY 0A 18242; } | put /proc/net/tcp6
  { echo "$UDP_HEAD"
    udp_row 331 0100007F:0143 $A4_ANY 07 17604
    udp_row 874 150A0A0A:A1F2 0200A8C0:0035 01 422871 107; } | put /proc/net/udp
  { echo "$UDP6_HEAD"; udp6_row 331 00000000000000000000000001000000:0143 $A6_ANY 07 17605; } | put /proc/net/udp6
  procs 1:systemd 384:systemd-journal 612:chronyd 640:cron 655:sshd 812:clamd 817:freshclam 1204:rsyslogd
  put /etc/ssh/sshd_config <<'EOF'

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/bin:/usr/games

# The strategy used for options in the default sshd_config shipped with
# OpenSSH is to specify options with their default value where
# possible, but leave them commented.  Uncommented options override the
# default value.

Include /etc/ssh/sshd_config.d/*.conf

#Port 22
#AddressFamily any
#ListenAddress 0.0.0.0
#ListenAddress ::

#HostKey /etc/ssh/ssh_host_rsa_key
#HostKey /etc/ssh/ssh_host_ecdsa_key
#HostKey /etc/ssh/ssh_host_ed25519_key

# Ciphers and keying
#RekeyLimit default none
Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr
MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com
KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512

# Logging
#SyslogFacility AUTH
LogLevel VERBOSE

# Authentication:

LoginGraceTime 1m
PermitRootLogin no
#StrictModes yes
MaxAuthTries 3
#MaxSessions 10

#PubkeyAuthentication yes

# Expect .ssh/authorized_keys2 to be disregarded by default in future.
#AuthorizedKeysFile	.ssh/authorized_keys .ssh/authorized_keys2

# To disable tunneled clear text passwords, change to no here!
PasswordAuthentication no
PermitEmptyPasswords no

# Change to yes to enable challenge-response passwords (beware issues with
# some PAM modules and threads)
KbdInteractiveAuthentication no

UsePAM yes

#AllowAgentForwarding yes
#AllowTcpForwarding yes
#GatewayPorts no
X11Forwarding no
#X11DisplayOffset 10
#X11UseLocalhost yes
#PermitTTY yes
PrintMotd no

# Allow client to pass locale environment variables
AcceptEnv LANG LC_*

# override default of no subsystems
Subsystem	sftp	/usr/lib/openssh/sftp-server

# Example of overriding settings on a per-user basis
#Match User anoncvs
#	X11Forwarding no
#	AllowTcpForwarding no
#	PermitTTY no
#	ForceCommand cvs server
EOF
  put /etc/ssh/sshd_config.d/50-ttcntt-baseline.conf <<'EOF'
# Ministry IT centre SSH baseline (managed by configuration management; do not edit by hand).
ClientAliveInterval 300
ClientAliveCountMax 3
LoginGraceTime 30
AllowGroups sshusers
EOF
  clamav 1.0.7 27100 "$START"
  cvd /var/lib/clamav/daily.cvd $((START - 10 * 86400)) 27090 2066101 $((START - 10 * 86400))
  cvd /var/lib/clamav/daily.cld "$START" 27100 2068443 "$START"
  cvd /var/lib/clamav/main.cvd 1632402000 62 6647427 1632402000
}

host_debian_old() {
  base_chroot debian-old
  hostname_is ftp-sogd
  printf '9.13\n' | put /etc/debian_version
  os_release <<'EOF'
PRETTY_NAME="Debian GNU/Linux 9 (stretch)"
NAME="Debian GNU/Linux"
VERSION_ID="9"
VERSION="9 (stretch)"
VERSION_CODENAME=stretch
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
EOF
  kernel_is 4.9.0-19-amd64
  uptime_is 40176612.08 158421077.91
  cpuinfo 'Intel(R) Core(TM) i5-2400 CPU @ 3.10GHz' 4 3092.871 GenuineIntel 6 42 7
  meminfo 4041412 1210344
  dmi 04/28/2011 HP Hewlett-Packard 'ProLiant ML110 G7'
  route eth0 0105140A 0005140A 00FFFFFF | put /proc/net/route
  ip_fixture \
'1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
2: eth0    inet 10.20.5.14/24 brd 10.20.5.255 scope global eth0\       valid_lft forever preferred_lft forever
3: eth1    inet 192.168.50.3/24 brd 192.168.50.255 scope global eth1\       valid_lft forever preferred_lft forever' \
'1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000\    link/ether 00:25:b3:4e:7a:10 brd ff:ff:ff:ff:ff:ff
3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP mode DEFAULT group default qlen 1000\    link/ether 00:25:b3:4e:7a:11 brd ff:ff:ff:ff:ff:ff'
  { echo "$TCP_HEAD"
    tcp_row 0 00000000:0015 $A4_ANY 0A 11873
    tcp_row 1 00000000:0017 $A4_ANY 0A 11920
    tcp_row 2 00000000:0016 $A4_ANY 0A 12004
    tcp_row 3 0100007F:0019 $A4_ANY 0A 12340
    tcp_row 4 00000000:006F $A4_ANY 0A 10922
    tcp_row 5 0E05140A:0017 3205140A:C001 01 900312; } | put /proc/net/tcp
  { echo "$TCP6_HEAD"
    tcp6_row 0 $A6_ZERO:0016 $A6_ANY 0A 12006
    tcp6_row 1 $A6_ZERO:006F $A6_ANY 0A 10925; } | put /proc/net/tcp6
  { echo "$UDP_HEAD"
    udp_row 17 00000000:006F $A4_ANY 07 10919
    udp_row 38 00000000:0044 $A4_ANY 07 9843; } | put /proc/net/udp
  echo "$UDP6_HEAD" | put /proc/net/udp6
  procs 1:init 402:rsyslogd 517:inetd 530:vsftpd 541:sshd 560:exim4 578:rpcbind
  put /etc/ssh/sshd_config <<'EOF'
#	$OpenBSD: sshd_config,v 1.100 2016/08/15 12:32:04 naddy Exp $

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

Port 22
#AddressFamily any
#ListenAddress 0.0.0.0

# Ciphers and keying
Ciphers aes128-cbc,3des-cbc
MACs hmac-md5,hmac-sha1

# Authentication:
#LoginGraceTime 2m
PermitRootLogin yes
#StrictModes yes
#MaxAuthTries 6

# To disable tunneled clear text passwords, change to no here!
PasswordAuthentication yes
#PermitEmptyPasswords no

ChallengeResponseAuthentication no
UsePAM yes

X11Forwarding yes
PrintMotd no

AcceptEnv LANG LC_*
Subsystem	sftp	/usr/lib/openssh/sftp-server

# Admins from the ministry network only may log in as root
Match Address 10.0.0.0/8
	PermitRootLogin no
	X11Forwarding no
EOF
}

host_rhel_ok() {
  base_chroot rhel-ok
  hostname_is app01.ttcntt.local
  os_release <<'EOF'
NAME="Rocky Linux"
VERSION="9.3 (Blue Onyx)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.3"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
ANSI_COLOR="0;32"
LOGO="fedora-logo-icon"
CPE_NAME="cpe:/o:rocky:rocky:9::baseos"
HOME_URL="https://rockylinux.org/"
BUG_REPORT_URL="https://bugs.rockylinux.org/"
SUPPORT_END="2032-05-31"
ROCKY_SUPPORT_PRODUCT="Rocky-Linux-9"
ROCKY_SUPPORT_PRODUCT_VERSION="9.3"
REDHAT_SUPPORT_PRODUCT="Rocky Linux"
REDHAT_SUPPORT_PRODUCT_VERSION="9.3"
EOF
  kernel_is 5.14.0-362.8.1.el9_3.x86_64
  uptime_is 3712.04 29011.66
  cpuinfo 'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz' 8 2095.078 GenuineIntel 6 85 7
  meminfo 16231052 14021844
  dmi 11/07/2019 Lenovo Lenovo 'ThinkSystem SR630 -[7X02CTO1WW]-'
  route ens192 011010AC 001010AC 00FFFFFF | put /proc/net/route
  ip_fixture \
'1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
1: lo    inet6 ::1/128 scope host \       valid_lft forever preferred_lft forever
2: ens192    inet 172.16.16.30/24 brd 172.16.16.255 scope global noprefixroute ens192\       valid_lft forever preferred_lft forever
2: ens192    inet6 fe80::250:56ff:fe9a:1b2c/64 scope link noprefixroute \       valid_lft forever preferred_lft forever' \
'1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: ens192: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000\    link/ether 00:50:56:9a:1b:2c brd ff:ff:ff:ff:ff:ff\    altname enp11s0'
  { echo "$TCP_HEAD"; tcp_row 0 00000000:0016 $A4_ANY 0A 24511; } | put /proc/net/tcp
  { echo "$TCP6_HEAD"
    tcp6_row 0 $A6_ZERO:0016 $A6_ANY 0A 24513
    tcp6_row 1 $A6_ZERO:2382 $A6_ANY 0A 19877; } | put /proc/net/tcp6
  { echo "$UDP_HEAD"; udp_row 88 0100007F:0143 $A4_ANY 07 21337 992; } | put /proc/net/udp
  { echo "$UDP6_HEAD"; udp6_row 88 00000000000000000000000001000000:0143 $A6_ANY 07 21338 992; } | put /proc/net/udp6
  procs 1:systemd 702:chronyd 745:sshd 760:crond 1011:rsyslogd
  put /etc/ssh/sshd_config <<'EOF'
#	$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

# This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/usr/local/sbin:/usr/sbin

# To modify the system-wide sshd configuration, create a  *.conf  file under
#  /etc/ssh/sshd_config.d/  which will be automatically included below
Include /etc/ssh/sshd_config.d/*.conf

# If you want to change the port on a SELinux system, you have to tell
# SELinux about this change.
# semanage port -a -t ssh_port_t -p tcp #PORTNUMBER
#
#Port 22

# Authentication:

#LoginGraceTime 2m
PermitRootLogin no
#StrictModes yes
MaxAuthTries 4
#MaxSessions 10

# To disable tunneled clear text passwords, change to no here!
PasswordAuthentication no
PermitEmptyPasswords no

X11Forwarding no
ClientAliveInterval 600

# override default of no subsystems
Subsystem	sftp	/usr/libexec/openssh/sftp-server
EOF
  put /etc/ssh/sshd_config.d/50-redhat.conf <<'EOF'
# Include the drop-in configurations
Include /etc/crypto-policies/back-ends/opensshserver.config

# This system is following system-wide crypto policy. The changes to
# crypto properties (Ciphers, MACs, ...) will not have any effect in
# this or following included files. To override some configuration option,
# write it before this block or in a file included before this one.

SyslogFacility AUTHPRIV

ChallengeResponseAuthentication no

GSSAPIAuthentication yes
GSSAPICleanupCredentials no

UsePAM yes

X11Forwarding yes

PrintMotd no
EOF
  put /etc/crypto-policies/back-ends/opensshserver.config <<'EOF'
Ciphers aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-ctr,aes128-gcm@openssh.com,aes128-ctr
MACs hmac-sha2-256-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha1,umac-128@openssh.com,hmac-sha2-512
GSSAPIKexAlgorithms gss-curve25519-sha256-,gss-nistp256-sha256-,gss-group14-sha256-,gss-group16-sha512-
KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512
HostKeyAlgorithms ecdsa-sha2-nistp256,ecdsa-sha2-nistp256-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-256,rsa-sha2-256-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-512-cert-v01@openssh.com
PubkeyAcceptedAlgorithms ecdsa-sha2-nistp256,ecdsa-sha2-nistp256-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ecdsa-sha2-nistp384,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521,ecdsa-sha2-nistp521-cert-v01@openssh.com,ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-256,rsa-sha2-256-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-512-cert-v01@openssh.com
CASignatureAlgorithms ecdsa-sha2-nistp256,sk-ecdsa-sha2-nistp256@openssh.com,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-256,rsa-sha2-512
RequiredRSASize 2048
EOF
  # sshd is installed, but `sshd -T` fails for a non-root account, as on a real host.
  printf '#!/bin/sh\necho "sshd: no hostkeys available -- exiting." >&2\nexit 1\n' | putx /usr/sbin/sshd
  clamav 1.0.5 27060 $((START - 40 * 86400))
  cvd /var/lib/clamav/daily.cvd $((START - 40 * 86400)) 27060 2061880 $((START - 40 * 86400))
}

host_changed_key() {
  base_chroot changed-key
  hostname_is web-portal-02
  os_release <<'EOF'
PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
EOF
  kernel_is 5.15.0-97-generic
  uptime_is 864211.90 1702233.18
  cpuinfo 'AMD EPYC 7302 16-Core Processor' 2 2999.998 AuthenticAMD 23 49 0 vm
  meminfo 4005840 2876112
  dmi 12/12/2018 'Phoenix Technologies LTD' 'VMware, Inc.' 'VMware Virtual Platform'
  route ens160 01001E0A 00001E0A 00FCFFFF | put /proc/net/route
  ip_fixture \
'1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
2: ens160    inet 10.30.0.45/22 metric 100 brd 10.30.3.255 scope global dynamic ens160\       valid_lft 85603sec preferred_lft 85603sec' \
'1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: ens160: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000\    link/ether 00:0c:29:3e:51:7a brd ff:ff:ff:ff:ff:ff\    altname enp3s0'
  { echo "$TCP_HEAD"
    tcp_row 0 3500007F:0035 $A4_ANY 0A 19021 101
    tcp_row 1 00000000:0016 $A4_ANY 0A 20113
    tcp_row 2 00000000:0050 $A4_ANY 0A 20544
    tcp_row 3 00000000:01BB $A4_ANY 0A 20545; } | put /proc/net/tcp
  { echo "$TCP6_HEAD"; tcp6_row 0 $A6_ZERO:0016 $A6_ANY 0A 20115; } | put /proc/net/tcp6
  { echo "$UDP_HEAD"; udp_row 45 3500007F:0035 $A4_ANY 07 19020 101; } | put /proc/net/udp
  echo "$UDP6_HEAD" | put /proc/net/udp6
  procs 1:systemd 488:systemd-resolve 702:sshd 733:nginx
  put /etc/ssh/sshd_config <<'EOF'
Include /etc/ssh/sshd_config.d/*.conf
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem	sftp	/usr/lib/openssh/sftp-server
EOF
  printf 'PasswordAuthentication yes\n' | put /etc/ssh/sshd_config.d/50-cloud-init.conf
}

host_hostile() {
  base_chroot hostile
  hostname_is "<script>alert('host')</script>"
  { printf 'NAME="Evil\\"Linux"\nID=evil-os\nVERSION_ID="6.6.6"\n'
    printf 'PRETTY_NAME="EvilOS <img src=x onerror=alert(1)> \xff\xfe\xc3\x28 6.6.6"\n'
    # Lines imitating the probe's frames: only frames carrying the run's nonce count.
    printf '\n==ICTAUDIT 0123456789abcdef END os-release 0\n==ICTAUDIT 0123456789abcdef BEGIN hostname\nforged\n'; } | os_release
  kernel_is "6.6.6-<b>pwn</b>"
  uptime_is 66.60 120.01
  cpuinfo '<marquee>CPU</marquee>' 1 1000.000 GenuineIntel 6 85 7
  meminfo 1017000 501000
  dmi 13/45/2099 '<b>BIOS</b>' '"><svg onload=alert(1)>' "Robert'); DROP TABLE hosts;--"
  route eth0 0142A8C0 0042A8C0 00FFFFFF | put /proc/net/route
  ip_fixture \
'1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
2: eth0    inet 192.168.66.6/24 brd 192.168.66.255 scope global eth0\       valid_lft forever preferred_lft forever' \
'1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast qlen 1000\    link/ether 66:66:66:00:00:06 brd ff:ff:ff:ff:ff:ff'
  { echo "$TCP_HEAD"; tcp_row 0 00000000:0016 $A4_ANY 0A 666; } | put /proc/net/tcp
  echo "$TCP6_HEAD" | put /proc/net/tcp6
  echo "$UDP_HEAD" | put /proc/net/udp
  echo "$UDP6_HEAD" | put /proc/net/udp6
  procs 1:init 666:httpd
  printf 'PermitRootLogin yes\n' | put /etc/ssh/sshd_config
  # This host lets the scan account run `sshd -T` (it can read a host key); its answer carries markup too.
  printf 'placeholder, not a key\n' | put /etc/ssh/ssh_host_ed25519_key 644
  cat <<'EOF' | putx /usr/sbin/sshd
#!/bin/sh
[ "$1" = -T ] || { echo "usage: sshd [-46DdeiqTtV]" >&2; exit 1; }
cat <<'EOT'
port 22
addressfamily any
listenaddress 0.0.0.0:22
permitrootlogin yes
pubkeyauthentication yes
passwordauthentication yes
permitemptypasswords no
x11forwarding no
maxauthtries 6
logingracetime 120
clientaliveinterval 0
loglevel INFO
versionaddendum <script>alert('banner')</script>
banner /etc/issue.net"><script>alert(2)</script>
ciphers chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com
macs umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1
kexalgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256
EOT
EOF
}

# ---------------------------------------------------------------- Linux collector fixtures
dpkg_status() { # "name version arch [status]" lines on stdin -> /var/lib/dpkg/status as dpkg writes it
  awk '{ st = ($4 == "" ? "install ok installed" : $4 " " $5 " " $6)
         printf "Package: %s\nStatus: %s\nPriority: optional\nSection: misc\nInstalled-Size: 1024\nMaintainer: Debian Developers <debian-devel@lists.debian.org>\nArchitecture: %s\nVersion: %s\nDescription: %s (lab fixture)\n\n", $1, st, $3, $2, $1 }' \
    | put /var/lib/dpkg/status
}

rpm_fixture() { # recorded `rpm -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{ARCH}\t%{INSTALLTIME}\n'` on stdin
  { printf '#!/bin/sh\n# Fixture rpm: prints what the recorded host printed for the probe'"'"'s query.\n'
    printf 'case "$1" in -qa) cat <<'"'"'EOF'"'"'\n'; cat; printf 'EOF\n;;\n*) echo "rpm: fixture answers -qa only" >&2; exit 1;;\nesac\n'; } | putx /usr/bin/rpm
}

tool_fixture() { # path exit-code: a tool that prints recorded stdout (on stdin) whatever it is asked
  { printf '#!/bin/sh\n# Fixture: prints what the recorded host printed.\ncat <<'"'"'EOF'"'"'\n'; cat; printf 'EOF\nexit %s\n' "$2"; } | putx "$1"
}

tool_case() { # path word exit-code: the tool prints the recorded stdout (on stdin) when `word` is one of its arguments
  local name=${1##*/}
  put "/usr/lib/ictaudit-fixture/$name/$2.out"
  printf '%s\n' "$3" | put "/usr/lib/ictaudit-fixture/$name/$2.rc"
  cat <<EOF | putx "$1"
#!/bin/sh
# Fixture: prints what the recorded host printed for the sub-command named among its arguments.
d=/usr/lib/ictaudit-fixture/$name
for w in "\$@"; do if [ -f "\$d/\$w.out" ]; then cat "\$d/\$w.out"; read -r rc <"\$d/\$w.rc"; exit "\$rc"; fi; done
echo "$name: the fixture has no recording for: \$*" >&2; exit 1
EOF
}

lists_age() { # days path...: package-list files as old as the host's last refresh
  local days=$1 f; shift
  for f in "$@"; do
    [ -e "$R$f" ] || printf 'Origin: lab\n' | put "$f"
    touch -d "@$((START - days * 86400))" "$R$f"
  done
}

sudo_fixture() { # recorded `sudo -n cat /etc/shadow` output on stdin; /etc/shadow itself stays root-only
  # Readable by the lab account (the chroot is root-owned): the fixture sudo runs as that account.
  put /usr/lib/ictaudit-fixture/shadow 644
  cat <<'EOF' | putx /usr/bin/sudo
#!/bin/sh
# Fixture sudo: the account may run `cat /etc/shadow` without a password (sudoers NOPASSWD), and
# nothing else; the recorded file stands in for the root-only one.
[ "$1" = -n ] || { echo "sudo: a password is required" >&2; exit 1; }
shift
[ "$*" = "cat /etc/shadow" ] || { echo "Sorry, user is not allowed to execute '$*' as root." >&2; exit 1; }
exec cat /usr/lib/ictaudit-fixture/shadow
EOF
}

shadow_root_only() { printf 'root:*:19700:0:99999:7:::\n' | put /etc/shadow 600; }
btime_is() { printf 'cpu  10 0 10 1000 0 0 0 0 0 0\nintr 0\nctxt 0\nbtime %s\nprocesses 1\n' "$1" | put /proc/stat; }
unit_enabled() { # unit: systemd's enablement symlink, which is what "enabled" means on disk
  mkdir -p "$R/etc/systemd/system/multi-user.target.wants"
  ln -sf "/usr/lib/systemd/system/$1" "$R/etc/systemd/system/multi-user.target.wants/$1"
}

debian_ok_collectors() {
  dpkg_status <<'EOF'
base-files 12.4+deb12u5 amd64
libc6 2.36-9+deb12u4 amd64
openssh-server 1:9.2p1-2+deb12u2 amd64
openssl 3.0.11-1~deb12u2 amd64
clamav 1.0.7+dfsg-1~deb12u1 amd64
chrony 4.3-2+deb12u1 amd64
auditd 1:3.0.9-1 amd64
ufw 0.36.2-1 all
telnet 0.17+2.4-2 amd64 deinstall ok config-files
EOF
  lists_age 1 /var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease \
    /var/lib/apt/lists/security.debian.org_debian-security_dists_bookworm-security_InRelease
  tool_case /usr/bin/apt-get dist-upgrade 0 <<'EOF'
NOTE: This is only a simulation!
      apt-get needs root privileges for real execution.
      Keep also in mind that locking is deactivated,
      so don't depend on the relevance to the real current situation!
Reading package lists...
Building dependency tree...
Reading state information...
Calculating upgrade...
0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.
EOF
  shadow_root_only
  put /etc/login.defs <<'EOF'
# /etc/login.defs - Configuration control definitions for the login package.
MAIL_DIR        /var/mail
PASS_MAX_DAYS	90
PASS_MIN_DAYS	1
PASS_WARN_AGE	7
UID_MIN			 1000
ENCRYPT_METHOD SHA512
EOF
  printf '# ministry baseline\nminlen = 12\ndcredit = -1\nucredit = -1\n' | put /etc/security/pwquality.conf
  printf 'password\trequisite\t\t\tpam_pwquality.so retry=3\npassword\t[success=1 default=ignore]\tpam_unix.so obscure use_authtok try_first_pass yescrypt\n' | put /etc/pam.d/common-password
  printf '# /etc/ufw/ufw.conf\nENABLED=yes\nLOGLEVEL=low\n' | put /etc/ufw/ufw.conf
  unit_enabled ufw.service
  printf 'pool 2.debian.pool.ntp.org iburst\nserver ntp.mof.gov.vn iburst\ndriftfile /var/lib/chrony/chrony.drift\n' | put /etc/chrony/chrony.conf
  unit_enabled chrony.service
  printf 'log_file = /var/log/audit/audit.log\n' | put /etc/audit/auditd.conf
  printf -- '-w /etc/passwd -p wa -k identity\n-w /etc/shadow -p wa -k identity\n-a always,exit -F arch=b64 -S execve -k exec\n' | put /etc/audit/rules.d/audit.rules
  unit_enabled auditd.service
  procs 590:auditd
  printf 'Y\n' | put /sys/module/apparmor/parameters/enabled
  printf '# <target name>\t<source device>\t\t<key file>\t<options>\nsda3_crypt UUID=4f1c2a7e-2b7d-4d4e-9a51-0c1d2e3f4a5b none luks,discard\n' | put /etc/crypttab
  btime_is $((START - 1296037))
  printf '2024-03-10 02:14:51 startup archives unpack\n2024-03-10 02:14:52 upgrade openssl:amd64 3.0.11-1~deb12u1 3.0.11-1~deb12u2\n2024-03-10 02:14:53 status installed openssl:amd64 3.0.11-1~deb12u2\n' | put /var/log/dpkg.log
}

debian_old_collectors() {
  dpkg_status <<'EOF'
base-files 9.9+deb9u13 amd64
libc6 2.24-11+deb9u4 amd64
bash 4.4-5 amd64
openssh-server 1:7.4p1-10+deb9u7 amd64
openssh-client 1:7.4p1-10+deb9u7 amd64
openssl 1.1.0l-1~deb9u1 amd64
libssl1.1 1.1.0l-1~deb9u1 amd64
sudo 1.8.19p1-2.1+deb9u3 amd64
vsftpd 3.0.3-8+b1 amd64
telnetd 0.17-41 amd64
EOF
  # Lists last refreshed 400 days ago: apt answers from a past the archive has long left.
  lists_age 400 /var/lib/apt/lists/deb.debian.org_debian_dists_stretch_InRelease \
    /var/lib/apt/lists/security.debian.org_debian-security_dists_stretch_updates_InRelease
  tool_case /usr/bin/apt-get dist-upgrade 0 <<'EOF'
NOTE: This is only a simulation!
      apt-get needs root privileges for real execution.
      Keep also in mind that locking is deactivated,
      so don't depend on the relevance to the real current situation!
Reading package lists...
Building dependency tree...
Reading state information...
Calculating upgrade...
The following packages will be upgraded:
  libssl1.1 openssh-client openssh-server openssl sudo
5 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.
Inst libssl1.1 [1.1.0l-1~deb9u1] (1.1.0l-1~deb9u6 Debian-Security:9/oldstable [amd64])
Inst openssl [1.1.0l-1~deb9u1] (1.1.0l-1~deb9u6 Debian-Security:9/oldstable [amd64])
Inst openssh-client [1:7.4p1-10+deb9u7] (1:7.4p1-10+deb9u8 Debian-Security:9/oldstable [amd64]) []
Inst openssh-server [1:7.4p1-10+deb9u7] (1:7.4p1-10+deb9u8 Debian-Security:9/oldstable [amd64])
Inst sudo [1.8.19p1-2.1+deb9u3] (1.8.19p1-2.1+deb9u4 Debian-Security:9/oldstable [amd64])
Conf libssl1.1 (1.1.0l-1~deb9u6 Debian-Security:9/oldstable [amd64])
Conf openssl (1.1.0l-1~deb9u6 Debian-Security:9/oldstable [amd64])
Conf openssh-client (1:7.4p1-10+deb9u8 Debian-Security:9/oldstable [amd64])
Conf openssh-server (1:7.4p1-10+deb9u8 Debian-Security:9/oldstable [amd64])
Conf sudo (1.8.19p1-2.1+deb9u4 Debian-Security:9/oldstable [amd64])
EOF
  printf 'root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0:backdoor:/root:/bin/sh\n%s:x:%s:%s::/:/bin/sh\nguest:x:1001:1001:guest:/home/guest:/bin/sh\n' \
    "$LABUSER" "$(id -u $LABUSER)" "$(id -g $LABUSER)" | put /etc/passwd
  shadow_root_only
  sudo_fixture <<'EOF'
root:$6$Gx1.sC3l$Hk0hLrWq2m1x9mQvCvRjv0yUqXyFfMZ7d9r3jJmG8kP1aVfXbWcT4u5s6t7y8z9A0B1C2D3E4F5G6H7I8J9K0L:17500:0:99999:7:::
toor:$6$Qp2.aB7c$Zx9yWv8uTs7rQp6oNm5lKj4iHg3fEd2cBa1ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210zyxwvutsrqpo:17500:0:99999:7:::
ictlab:*:17500:0:99999:7:::
guest::17800:0:99999:7:::
EOF
  put /etc/login.defs <<'EOF'
MAIL_DIR        /var/mail
PASS_MAX_DAYS	99999
PASS_MIN_DAYS	0
PASS_WARN_AGE	7
ENCRYPT_METHOD SHA512
EOF
  btime_is $((START - 40176612))
  printf '2019-02-18 10:02:11 startup archives unpack\n2019-02-18 10:02:12 upgrade tzdata:all 2018e-0+deb9u1 2018i-0+deb9u1\n2019-02-18 10:02:13 status installed tzdata:all 2018i-0+deb9u1\n' | put /var/log/dpkg.log
}

rhel_ok_collectors() {
  rpm_fixture <<'EOF'
openssh-server	0:8.7p1-34.el9	x86_64	1700469521
openssl	1:3.0.7-24.el9	x86_64	1700469480
glibc	0:2.34-83.el9_3.7	x86_64	1700469470
chrony	0:4.3-1.el9	x86_64	1700469490
firewalld	0:1.2.5-2.el9	noarch	1700469500
audit	0:3.0.7-104.el9	x86_64	1700469495
gpg-pubkey	0:350d275d-6279464e	(none)	1700469400
EOF
  tool_case /usr/bin/dnf check-update 100 <<'EOF'

openssl.x86_64                          1:3.0.7-25.el9_3                   baseos
openssh-server.x86_64                   8.7p1-34.el9_3.3                   baseos
EOF
  tool_case /usr/bin/dnf updateinfo 0 <<'EOF'
RLSA-2024:0310 Moderate/Sec. openssl-1:3.0.7-25.el9_3.x86_64
EOF
  printf '<repomd><data type="primary"/><data type="updateinfo"/></repomd>\n' | put /var/cache/dnf/baseos-e3e0e8a0c9b3c3a4/repodata/repomd.xml
  lists_age 2 /var/cache/dnf/baseos-e3e0e8a0c9b3c3a4/repodata/repomd.xml
  shadow_root_only
  put /etc/login.defs <<'EOF'
MAIL_DIR	/var/spool/mail
PASS_MAX_DAYS	90
PASS_MIN_DAYS	1
PASS_MIN_LEN	8
PASS_WARN_AGE	14
UID_MIN                  1000
ENCRYPT_METHOD SHA512
EOF
  printf '# Configuration for systemwide password quality limits\n# minlen = 8\n' | put /etc/security/pwquality.conf
  printf 'minlen = 14\nminclass = 3\n' | put /etc/security/pwquality.conf.d/50-ttcntt.conf
  printf 'auth        required      pam_faillock.so preauth silent deny=5 unlock_time=900\npassword    requisite     pam_pwquality.so local_users_only\npassword    sufficient    pam_unix.so sha512 shadow use_authtok\n' | put /etc/pam.d/system-auth
  printf '[main]\nDefaultZone=public\nFirewallBackend=nftables\n' | put /etc/firewalld/firewalld.conf
  unit_enabled firewalld.service
  printf 'server 172.16.16.2 iburst\npool 2.rocky.pool.ntp.org iburst\n' | put /etc/chrony.conf
  unit_enabled chronyd.service
  printf -- '-D\n-b 8192\n-w /etc/sudoers -p wa -k scope\n' | put /etc/audit/rules.d/audit.rules
  printf 'log_file = /var/log/audit/audit.log\n' | put /etc/audit/auditd.conf
  unit_enabled auditd.service
  procs 640:auditd 690:firewalld
  printf '1\n' | put /sys/fs/selinux/enforce
  printf 'SELINUX=enforcing\nSELINUXTYPE=targeted\n' | put /etc/selinux/config
  printf 'luks-2d0a9f6e-5c4b-4a3e-8f7d-1b2c3d4e5f60 UUID=2d0a9f6e-5c4b-4a3e-8f7d-1b2c3d4e5f60 none discard\n' | put /etc/crypttab
  btime_is $((START - 3712))
  printf '2024-01-10T09:12:40+0700 SUBDEBUG Upgrade: openssl-libs-1:3.0.7-24.el9.x86_64\n2024-01-10T09:12:44+0700 SUBDEBUG Upgraded: openssl-libs-1:3.0.7-18.el9_2.x86_64\n' | put /var/log/dnf.rpm.log
}

# ---------------------------------------------------------------- more hosts
host_suse_ok() {
  base_chroot suse-ok
  hostname_is sles-hq-03
  os_release <<'EOF'
NAME="SLES"
VERSION="15-SP5"
VERSION_ID="15.5"
PRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"
ID="sles"
ID_LIKE="suse"
ANSI_COLOR="0;32"
CPE_NAME="cpe:/o:suse:sles:15:sp5"
DOCUMENTATION_URL="https://documentation.suse.com/"
EOF
  kernel_is 5.14.21-150500.55.39-default
  uptime_is 604800.00 2400000.00
  cpuinfo 'Intel(R) Xeon(R) Gold 5218 CPU @ 2.30GHz' 4 2294.609 GenuineIntel 6 85 7
  meminfo 32765604 28001200
  dmi 06/10/2020 HPE HPE 'ProLiant DL380 Gen10'
  route eth0 01031EAC 00031EAC 00FFFFFF | put /proc/net/route
  ip_fixture \
'1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft forever preferred_lft forever
2: eth0    inet 172.30.3.15/24 brd 172.30.3.255 scope global eth0\       valid_lft forever preferred_lft forever' \
'1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000\    link/ether 94:40:c9:12:ab:03 brd ff:ff:ff:ff:ff:ff'
  { echo "$TCP_HEAD"; tcp_row 0 00000000:0016 $A4_ANY 0A 30111; } | put /proc/net/tcp
  echo "$TCP6_HEAD" | put /proc/net/tcp6
  { echo "$UDP_HEAD"; udp_row 12 0100007F:0143 $A4_ANY 07 30120 474; } | put /proc/net/udp
  echo "$UDP6_HEAD" | put /proc/net/udp6
  procs 1:systemd 520:chronyd 566:firewalld 601:sshd 640:auditd 702:wdavdaemon
  # Microsoft Defender for Endpoint, in the format of `mdatp health` (values made up here).
  { printf '#!/bin/sh\n# Fixture mdatp: answers `health` as Defender for Endpoint 101.24042 would.\n'
    printf '[ "$1" = health ] || { echo "Invalid command: $1" >&2; exit 1; }\ncat <<'"'"'EOF'"'"'\n'
    cat <<'EOF'
healthy                                     : true
health_issues                               : []
licensed                                    : true
engine_version                              : "1.1.24030.4"
app_version                                 : "101.24042.0002"
org_id                                      : "3f0c2a51-8d7e-4b6a-9c1e-5a2b7d9e0f13"
log_level                                   : "info"
release_ring                                : "Production"
product_expiration                          : Mar 18, 2025 at 10:12:05 AM
cloud_enabled                               : true
passive_mode_enabled                        : false
real_time_protection_enabled                : true [managed]
real_time_protection_subsystem              : "fanotify"
automatic_definition_update_enabled         : true [managed]
definitions_updated                         : Apr 02, 2024 at 08:41:17 AM
definitions_updated_minutes_ago             : 4380
definitions_version                         : "1.409.55.0"
definitions_status                          : "up_to_date"
edr_device_tags                             : []
troubleshooting_mode                        : false
EOF
    printf 'EOF\n'; } | putx /usr/bin/mdatp
  put /etc/ssh/sshd_config <<'EOF'
PermitRootLogin no
PasswordAuthentication no
X11Forwarding no
MaxAuthTries 4
UsePAM yes
Subsystem	sftp	/usr/lib/ssh/sftp-server
AcceptEnv LANG LC_CTYPE LC_NUMERIC LC_TIME LC_COLLATE LC_MONETARY LC_MESSAGES
EOF
  rpm_fixture <<'EOF'
openssh-server	0:8.4p1-150300.3.30.1	x86_64	1702531200
libopenssl3	0:3.0.8-150500.5.20.1	x86_64	1702531100
glibc	0:2.31-150300.63.1	x86_64	1702531000
chrony	0:4.1-150400.21.5.1	x86_64	1702531050
EOF
  lists_age 3 /var/cache/zypp/raw/SLE-Module-Basesystem15-SP5-Updates/repodata/repomd.xml
  tool_case /usr/bin/zypper list-patches 100 <<'EOF'
Loading repository data...
Reading installed packages...
Repository                          | Name                                     | Category | Severity  | Interactive | Status | Summary
------------------------------------+------------------------------------------+----------+-----------+-------------+--------+----------------------------
SLE-Module-Basesystem15-SP5-Updates | SUSE-SLE-Module-Basesystem-15-SP5-2024-1 | security | important | ---         | needed | Security update for openssh
EOF
  tool_case /usr/bin/zypper list-updates 100 <<'EOF'
Loading repository data...
Reading installed packages...
S | Repository                          | Name           | Current Version       | Available Version     | Arch
--+-------------------------------------+----------------+-----------------------+-----------------------+-------
v | SLE-Module-Basesystem15-SP5-Updates | openssh-server | 8.4p1-150300.3.30.1   | 8.4p1-150300.3.37.1   | x86_64
EOF
  printf 'root:x:0:0:root:/root:/bin/bash\n%s:x:%s:%s::/:/bin/sh\nnobody:x:65534:65533:nobody:/var/lib/nobody:/bin/bash\n' \
    "$LABUSER" "$(id -u $LABUSER)" "$(id -g $LABUSER)" | put /etc/passwd
  shadow_root_only
  sudo_fixture <<'EOF'
root:$6$Vd8.kP2q$aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8gH9iJ0kL1mN2oP3qR4sT5uV6wX7yZ8aB9cD0e:19600::::::
ictlab:!:19600::::::
nobody:!:19600::::::
EOF
  put /etc/login.defs <<'EOF'
PASS_MAX_DAYS	60
PASS_MIN_DAYS	1
PASS_WARN_AGE	7
EOF
  printf 'minlen=15\n' | put /etc/security/pwquality.conf
  printf 'password\trequisite\tpam_pwquality.so\n' | put /etc/pam.d/common-password
  printf 'DefaultZone=public\nFirewallBackend=nftables\n' | put /etc/firewalld/firewalld.conf
  unit_enabled firewalld.service
  printf 'pool suse.pool.ntp.org iburst\n' | put /etc/chrony.conf
  unit_enabled chronyd.service
  printf -- '-D\n' | put /etc/audit/rules.d/audit.rules
  unit_enabled auditd.service
  printf 'Y\n' | put /sys/module/apparmor/parameters/enabled
  btime_is $((START - 604800))
  printf '# 2023-12-14 06:00:00 openssh-server.rpm installed ok\n2023-12-14 06:00:00|install|openssh-server|8.4p1-150300.3.30.1|x86_64||SLE-Module-Basesystem15-SP5-Updates|abc123|\n' | put /var/log/zypp/history
}

host_jump_bastion() {
  base_chroot jump-bastion
  hostname_is bastion-01
  os_release <<'EOF'
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION_CODENAME=bookworm
ID=debian
EOF
  kernel_is 6.1.0-21-amd64
  uptime_is 86400.00 170000.00
  { echo "$TCP_HEAD"; tcp_row 0 00000000:0016 $A4_ANY 0A 4101; } | put /proc/net/tcp
  printf 'PermitRootLogin no\nPasswordAuthentication no\nAllowTcpForwarding yes\n' | put /etc/ssh/sshd_config
}

host_jump_inner() {
  base_chroot jump-inner
  hostname_is db-noibo
  os_release <<'EOF'
PRETTY_NAME="Ubuntu 20.04.6 LTS"
NAME="Ubuntu"
VERSION_ID="20.04"
VERSION_CODENAME=focal
ID=ubuntu
ID_LIKE=debian
EOF
  kernel_is 5.4.0-172-generic
  uptime_is 172800.00 340000.00
  # A KVM guest (Proxmox): SeaBIOS dates every guest 04/01/2014, which says nothing of its age.
  cpuinfo 'QEMU Virtual CPU version 2.5+' 2 2199.998 GenuineIntel 15 107 1 vm
  dmi 04/01/2014 SeaBIOS QEMU 'Standard PC (i440FX + PIIX, 1996)'
  { echo "$TCP_HEAD"; tcp_row 0 00000000:0016 $A4_ANY 0A 5101; tcp_row 1 0100007F:0CEA $A4_ANY 0A 5102 112; } | put /proc/net/tcp
  printf 'PermitRootLogin no\nPasswordAuthentication no\n' | put /etc/ssh/sshd_config
}

# A Windows host: no Linux userland can stand in for PowerShell, so sshd's ForceCommand replays the
# recorded outputs in lab/recordings/<host>/ (DESIGN.md "Test hosts"), chosen by the command sent.
host_windows() { # host
  base_chroot "$1"
  local rec=$REPO/lab/recordings/$1 f
  mkdir -p "$R/usr/lib/ictaudit-replay/recordings"
  for f in "$rec"/*; do
    # PowerShell writes CRLF line ends; the recordings are kept with LF for readable diffs.
    # NAME.rc holds the exit code the section had (1: the cmdlet failed), kept as is.
    case $f in
      *.rc) cp "$f" "$R/usr/lib/ictaudit-replay/recordings/" ;;
      *) sed 's/$/\r/' "$f" >"$R/usr/lib/ictaudit-replay/recordings/$(basename "$f")" ;;
    esac
  done
  cat <<'EOF' | putx /usr/lib/ictaudit-replay/replay
#!/bin/sh
# Replays what a Windows OpenSSH server (cmd.exe default shell) printed for the command the client
# sent. The probe is `powershell -NoProfile -NonInteractive -EncodedCommand <base64 UTF-16LE>` whose
# decoded bootstrap reads the script from standard input (base64 of UTF-8) and runs it: the script is
# read from stdin as PowerShell would, its nonce and the sections it asks for are read from it, and
# each section's recorded output is framed with that nonce, in the order asked. A command line past
# cmd.exe's 8191 characters gets cmd.exe's refusal; anything else gets cmd.exe's answer.
R=/usr/lib/ictaudit-replay/recordings
cmd=$SSH_ORIGINAL_COMMAND
if [ ${#cmd} -gt 8191 ]; then printf 'The command line is too long.\r\n' >&2; exit 1; fi
case $cmd in
  hostname) cat "$R/hostname"; exit 0 ;;
  "powershell -NoProfile -NonInteractive -EncodedCommand "*) ;;
  *)
    printf "'%s' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n" "${cmd%% *}" >&2
    exit 1 ;;
esac
boot=$(printf '%s' "${cmd##* }" | base64 -d 2>/dev/null | tr -d '\000\r')
case $boot in
  *'[Console]::In.ReadToEnd()'*'FromBase64String'*) script=$(base64 -d 2>/dev/null | tr -d '\r') ;;
  *) script=$boot ;;
esac
case $script in
  *ictaudit-windows-probe*) ;;
  *) printf 'At line:1 char:1\r\n+ CategoryInfo          : ParserError\r\n' >&2; exit 1 ;;
esac
nonce=$(printf '%s\n' "$script" | sed -n "s/^\$n='\([0-9a-f]*\)'.*/\1/p" | head -n 1)
[ -n "$nonce" ] || exit 1
for name in $(printf '%s\n' "$script" | sed -n "s/^S '\([A-Za-z0-9._-]*\)'.*/\1/p"); do
  printf '\n==ICTAUDIT %s BEGIN %s\n' "$nonce" "$name"
  rc=1
  if [ -f "$R/$name.txt" ]; then cat "$R/$name.txt"; rc=0; fi
  [ -f "$R/$name.rc" ] && read -r rc <"$R/$name.rc"
  printf '\n==ICTAUDIT %s END %s %s\n' "$nonce" "$name" "$rc"
done
exit 0
EOF
}

# Broken hosts: each must end as a recorded status with a clear message, never stall or crash a scan.
host_hostile_flood() { # binary floods: a 3 MiB os-release of random bytes (NULs, invalid UTF-8) and a binary kernel string
  base_chroot hostile-flood
  hostname_is flood-01
  mkdir -p "$R/usr/lib"
  head -c 3145728 /dev/urandom >"$R/usr/lib/os-release"; chmod 644 "$R/usr/lib/os-release"
  ln -sf ../usr/lib/os-release "$R/etc/os-release"
  printf '5.10.0\000\377\376-bin\n' | put /proc/sys/kernel/osrelease
  uptime_is 10.00 20.00
}

host_hostile_hang() { # a read that never ends: /proc/uptime is a FIFO nobody writes to
  base_chroot hostile-hang
  hostname_is hang-01
  mkfifo -m 644 "$R/proc/uptime"
}

host_hostile_drop() { # the connection dies mid-output: the session process is killed after half a frame
  base_chroot hostile-drop
  cat <<'EOF' | putx /usr/lib/ictaudit-fixture/drop
#!/bin/sh
# Prints the start of the probe's answer, then kills the sshd session serving it (its parent), as a
# host that crashes or loses power mid-scan would.
printf '\n==ICTAUDIT 0000 BEGIN hostname\nhalf-a-host'
sleep 0.2
kill -9 "$PPID"
sleep 5
EOF
}

# ---------------------------------------------------------------- sshd per host
sshd_config() { # host port
  local h=$1
  cat <<EOF
# lab host $h (generated by lab/lab.sh; the fixture sshd_config the probe reads is in the chroot)
ListenAddress 127.0.0.1:$2
HostKey $DIR/hosts/$h/ssh_host_ed25519_key
PidFile $DIR/hosts/$h/sshd.pid
AuthorizedKeysFile $DIR/authorized_keys
AllowUsers $LABUSER
ChrootDirectory $CHROOTS/$h
UsePAM no
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
PrintLastLog no
MaxStartups 200:30:400
MaxSessions 50
LogLevel ERROR
EOF
  case $h in
    hostile) echo "VersionAddendum <script>alert('banner')</script>" ;;
    windows-*) echo "ForceCommand /usr/lib/ictaudit-replay/replay" ;;
    hostile-drop) echo "ForceCommand exec /usr/lib/ictaudit-fixture/drop" ;;
    # The bastion forwards to the inner host only (the client side of ProxyJump opens direct-tcpip).
    jump-bastion) printf 'Match User %s\n  AllowTcpForwarding yes\n  PermitOpen 127.0.0.1:%s\n' "$LABUSER" "$(port_of jump-inner)" ;;
  esac
  return 0
}

port_of() { # host -> its port (BASE + its offset in lab/hosts.tsv)
  [ -n "${OFFSET[$1]:-}" ] || return 1
  echo $((BASE + OFFSET[$1]))
}

verify() { # host port known_hosts -> 0 when a strict client gets the hostname back
  local ssh=(ssh -i "$DIR/client_ed25519" -o UserKnownHostsFile="$3" -o StrictHostKeyChecking=yes
    -o BatchMode=yes -o ConnectTimeout=5 -o LogLevel=ERROR)
  local command='cat /proc/sys/kernel/hostname' target=127.0.0.1
  case $1 in
    windows-*) command=hostname ;;
    # These must fail for the scanner; here it is enough that sshd lets the client in.
    hostile-hang) command=true ;;
    # Reached through the bastion, as a ProxyJump client would: both host keys checked strictly.
    jump-inner) ssh+=(-o "ProxyCommand=${ssh[*]} -p $(port_of jump-bastion) -W %h:%p $LABUSER@127.0.0.1") ;;
  esac
  if [ "$1" = hostile-drop ]; then
    # Lets the client in, then cuts it off mid-answer: ssh must see the half frame and then lose the connection.
    timeout 15 "${ssh[@]}" -p "$2" "$LABUSER@$target" true >"$DIR/hosts/$1/verify.out" 2>"$DIR/hosts/$1/verify.err" || true
    grep -q half-a-host "$DIR/hosts/$1/verify.out"
    return
  fi
  timeout 15 "${ssh[@]}" -p "$2" "$LABUSER@$target" "$command" >"$DIR/hosts/$1/verify.out" 2>"$DIR/hosts/$1/verify.err"
}

start_lab() {
  ensure_packages
  ensure_user
  stop_lab
  STARTING=1
  mkdir -p "$DIR" /run/sshd /srv/ictaudit-lab
  # sshd reads the authorized keys as the lab user, so DIR must be traversable by it.
  chmod 755 "$DIR" /srv/ictaudit-lab /srv
  mkdir -p "$CHROOTS"; chmod 755 "$CHROOTS"
  START=$(date -u +%s)
  printf 'START_EPOCH=%s\nBASE_PORT=%s\nCHROOTS=%s\n' "$START" "$BASE" "$CHROOTS" >"$DIR/lab.env"
  [ -f "$DIR/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C ictaudit-lab-client -f "$DIR/client_ed25519"
  install -m 644 "$DIR/client_ed25519.pub" "$DIR/authorized_keys"

  local h build
  for h in "${HOSTS[@]}"; do
    # "host_windows windows-ws" is one function with its argument; "host_x x_collectors" two functions.
    case ${BUILD[$h]} in
      *' '"$h") ${BUILD[$h]} ;;
      *) for build in ${BUILD[$h]}; do "$build"; done ;;
    esac
  done
  chown -R root:root "$CHROOTS"

  : >"$DIR/known_hosts.new"; : >"$DIR/hosts.tsv.new"
  local port pid
  for h in "${HOSTS[@]}"; do
    port=$(port_of "$h")
    mkdir -p "$DIR/hosts/$h"
    local hk=$DIR/hosts/$h/ssh_host_ed25519_key
    [ -f "$hk" ] || ssh-keygen -q -t ed25519 -N '' -C "lab-$h" -f "$hk"
    sshd_config "$h" "$port" >"$DIR/hosts/$h/sshd_config"
    /usr/sbin/sshd -t -f "$DIR/hosts/$h/sshd_config" || die "sshd rejects the config of $h"
    : >"$DIR/hosts/$h/sshd.log"
    /usr/sbin/sshd -f "$DIR/hosts/$h/sshd_config" -E "$DIR/hosts/$h/sshd.log" \
      || die "sshd for $h on 127.0.0.1:$port failed: $(tail -n 2 "$DIR/hosts/$h/sshd.log" | tr '\n' ' ')"
    local key=$hk.pub
    if [ "$h" = changed-key ]; then
      # The host was reinstalled: the key on record is its old one.
      [ -f "$DIR/hosts/$h/stale_host_key" ] || ssh-keygen -q -t ed25519 -N '' -C "lab-$h-old" -f "$DIR/hosts/$h/stale_host_key"
      key=$DIR/hosts/$h/stale_host_key.pub
    fi
    printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$key")" >>"$DIR/known_hosts.new"
    printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$hk.pub")" >"$DIR/hosts/$h/known_hosts.true"
    printf '%s\t%s\n' "$h" "$port" >>"$DIR/hosts.tsv.new"
  done
  mv "$DIR/known_hosts.new" "$DIR/known_hosts"
  mv "$DIR/hosts.tsv.new" "$DIR/hosts.tsv"

  for h in "${HOSTS[@]}"; do
    for _ in $(seq 50); do lab_pid "$h" >/dev/null && break; sleep 0.1; done
    lab_pid "$h" >/dev/null || die "sshd for $h did not start: $(tail -n 2 "$DIR/hosts/$h/sshd.log" | tr '\n' ' ')(see $DIR/hosts/$h/sshd.log)"
  done

  # Every host answers a strict client; changed-key answers only with its true key.
  local pids=() failed=()
  for h in "${HOSTS[@]}"; do
    port=$(port_of "$h")
    if [ "$h" = changed-key ]; then verify "$h" "$port" "$DIR/hosts/$h/known_hosts.true" & else verify "$h" "$port" "$DIR/known_hosts" & fi
    pids+=($!)
  done
  local i=0
  for h in "${HOSTS[@]}"; do
    wait "${pids[$i]}" || failed+=("$h")
    i=$((i + 1))
  done
  if verify changed-key "$(port_of changed-key)" "$DIR/known_hosts"; then failed+=("changed-key(stale key accepted)")
  elif ! grep -q 'HOST IDENTIFICATION HAS CHANGED' "$DIR/hosts/changed-key/verify.err"; then failed+=("changed-key(no host-key-changed error)")
  fi
  [ ${#failed[@]} -eq 0 ] || die "hosts not answering as expected: ${failed[*]} (see $DIR/hosts/*/verify.err and sshd.log)"
  STARTING=0
  echo "lab: ${#HOSTS[@]} hosts up on 127.0.0.1 from port $(port_of "${HOSTS[0]}") (${HOSTS[*]}, ports in $DIR/hosts.tsv); dir $DIR, key $DIR/client_ed25519, user $LABUSER"
}

case $CMD in
  start) start_lab ;;
  stop) stop_lab; echo "lab: stopped in $DIR" ;;
  status) status_lab ;;
  *) usage ;;
esac
