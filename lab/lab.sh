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
HOSTS=(debian-ok debian-old rhel-ok changed-key hostile)

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
kernel_is() { printf '%s\n' "$1" | put /proc/sys/kernel/osrelease; }
uptime_is() { printf '%s %s\n' "$1" "$2" | put /proc/uptime; }

cpuinfo() { # model cores mhz vendor family model stepping
  local i
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
flags		: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc arch_perfmon rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch fsgsbase bmi1 avx2 smep bmi2 erms invpcid rdseed adx smap clflushopt xsaveopt xsavec xgetbv1 xsaves arat
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
  cpuinfo 'AMD EPYC 7302 16-Core Processor' 2 2999.998 AuthenticAMD 23 49 0
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
  # This host lets the scan account run `sshd -T`; its answer carries markup too.
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
  [ "$h" = hostile ] && echo "VersionAddendum <script>alert('banner')</script>"
  return 0
}

verify() { # host port known_hosts -> 0 when a strict client gets the hostname back
  timeout 15 ssh -i "$DIR/client_ed25519" -o UserKnownHostsFile="$3" -o StrictHostKeyChecking=yes \
    -o BatchMode=yes -o ConnectTimeout=5 -o LogLevel=ERROR -p "$2" "$LABUSER@127.0.0.1" \
    'cat /proc/sys/kernel/hostname' >"$DIR/hosts/$1/verify.out" 2>"$DIR/hosts/$1/verify.err"
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

  host_debian_ok; host_debian_old; host_rhel_ok; host_changed_key; host_hostile
  chown -R root:root "$CHROOTS"

  : >"$DIR/known_hosts.new"; : >"$DIR/hosts.tsv.new"
  local i=0 h port pid
  for h in "${HOSTS[@]}"; do
    i=$((i + 1)); port=$((BASE + i))
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
  i=0
  for h in "${HOSTS[@]}"; do
    i=$((i + 1)); port=$((BASE + i))
    if [ "$h" = changed-key ]; then verify "$h" "$port" "$DIR/hosts/$h/known_hosts.true" & else verify "$h" "$port" "$DIR/known_hosts" & fi
    pids+=($!)
  done
  i=0
  for h in "${HOSTS[@]}"; do
    wait "${pids[$i]}" || failed+=("$h")
    i=$((i + 1))
  done
  if verify changed-key $((BASE + 4)) "$DIR/known_hosts"; then failed+=("changed-key(stale key accepted)")
  elif ! grep -q 'HOST IDENTIFICATION HAS CHANGED' "$DIR/hosts/changed-key/verify.err"; then failed+=("changed-key(no host-key-changed error)")
  fi
  [ ${#failed[@]} -eq 0 ] || die "hosts not answering as expected: ${failed[*]} (see $DIR/hosts/*/verify.err and sshd.log)"
  STARTING=0
  echo "lab: ${#HOSTS[@]} hosts up on 127.0.0.1:$((BASE + 1))-$((BASE + ${#HOSTS[@]})) (${HOSTS[*]}); dir $DIR, key $DIR/client_ed25519, user $LABUSER"
}

case $CMD in
  start) start_lab ;;
  stop) stop_lab; echo "lab: stopped in $DIR" ;;
  status) status_lab ;;
  *) usage ;;
esac
