#!/usr/bin/env bash
# lab.sh - real OpenSSH test hosts on 127.0.0.1 for tests and the demo (DESIGN.md "Test hosts").
#
#   lab/lab.sh start|stop|status [--dir DIR] [--base-port N]
#
# One sshd per host on 127.0.0.1:BASE+i, each with its own host key and sshd_config in DIR, and a
# ChrootDirectory into a static-busybox chroot under /srv/ictaudit-lab/<hash of DIR>/<host>. The probe
# batch really runs there, through a real SSH session.
#
# The hosts are data, not code (lab/README.md "Adding a host or a case"):
#   lab/hosts.tsv                 the one table: name, port offset, the folders that make the host, summary
#   lab/hosts/<folder>/root/      files copied into the chroot at the same paths (/etc/os-release, /proc/...)
#   lab/hosts/<folder>/manifest   what a plain file cannot be: links, modes, times relative to the lab's
#                                 start, the lab account's uid, random bytes, a FIFO; the host's own sshd
#                                 settings and how start checks that the host answers
# This script only builds the common base (busybox, /dev/null, /tmp, the lab account in /etc/passwd),
# applies those folders, and starts, checks and stops the sshd processes.
#
# Why /srv and not DIR: sshd refuses a chroot unless every path component is root-owned and not
# writable by group or others, which /tmp (and many checkouts) are not.
#
# Fixture /proc is a plain directory: the probe reads files, so the files are the host.
# `ip` in each chroot is a fixture script (/usr/sbin/ip) printing recorded `ip -o` output, because
# busybox `ip` would answer over netlink with the lab machine's own interfaces. There is no /bin/ip
# applet link: busybox sh runs applets in preference to PATH, so the probe calls ip by its path.
set -euo pipefail
# Directories made here are 755 and files 644/755 whatever the caller's umask: sshd checks the chroot's modes.
umask 022

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
# The hosts come from ONE table, lab/hosts.tsv: name, port offset, folders under lab/hosts/, description.
HOSTS=()
declare -A OFFSET LAYERS
while IFS=$'\t' read -r h offset layers _; do
  case $h in '' | '#'*) continue ;; esac
  HOSTS+=("$h"); OFFSET[$h]=$offset; LAYERS[$h]=$layers
  for l in $layers; do [ -d "$SCRIPT_DIR/hosts/$l" ] || die "lab/hosts.tsv: $h: no folder lab/hosts/$l"; done
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

# ---------------------------------------------------------------- building a host's chroot
R=                                 # root of the chroot being built
HOST=                              # the host being built
# What the manifests say about starting and checking each host (filled while building it).
declare -A SSHD_EXTRA CHECK CHECK_VIA CHECK_OUTPUT STALE_KEY

base_chroot() { # host: what every host has, made from this machine (busybox) and the lab account (uid)
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
  # A host folder with its own etc/passwd replaces these (with `fill`, for the lab account's ids).
  printf 'root:x:0:0:root:/root:/bin/sh\n%s:x:%s:%s::/:/bin/sh\n' "$LABUSER" "$(id -u $LABUSER)" "$(id -g $LABUSER)" >"$R/etc/passwd"
  printf 'root:x:0:\n%s:x:%s:\n' "$LABUSER" "$(id -g $LABUSER)" >"$R/etc/group"
  chmod 644 "$R/etc/passwd" "$R/etc/group"
}

copy_root() { # folder: its root/ into the chroot, files 644 or 755 (only the executable bit is taken from git)
  local src=$SCRIPT_DIR/hosts/$1/root f
  [ -d "$src" ] || return 0
  while IFS= read -r -d '' f; do
    f=${f#./}
    mkdir -p "$(dirname "$R/$f")"
    if [ -x "$src/$f" ]; then install -m 755 "$src/$f" "$R/$f"; else install -m 644 "$src/$f" "$R/$f"; fi
  done < <(cd "$src" && find . -type f -print0)
}

when() { # time: `start` (the lab's start), `start-N` seconds or `start-Nd` days before it, or an epoch
  case $1 in
    start) echo "$START" ;;
    start-*d) [[ ${1#start-} =~ ^[0-9]+d$ ]] || return 1; local n=${1#start-}; echo $((START - ${n%d} * 86400)) ;;
    start-*) [[ ${1#start-} =~ ^[0-9]+$ ]] || return 1; echo $((START - ${1#start-})) ;;
    *) [[ $1 =~ ^[0-9]+$ ]] || return 1; echo "$1" ;;
  esac
}

fill() { # path: replaces @LAB_UID@, @LAB_GID@, @EPOCH:time@ and @DATE:time:date-format@ (UTC, C locale) in a text file
  local f=$R$1 text out= tok val spec re='@(LAB_UID|LAB_GID|EPOCH:[^@:]+|DATE:[^@:]+:[^@]+)@'
  [ -f "$f" ] || return 1
  text=$(cat "$f"; echo x); text=${text%x}
  while [[ $text =~ $re ]]; do
    tok=${BASH_REMATCH[1]}
    case $tok in
      LAB_UID) val=$(id -u "$LABUSER") ;;
      LAB_GID) val=$(id -g "$LABUSER") ;;
      EPOCH:*) val=$(when "${tok#EPOCH:}") || return 1 ;;
      DATE:*) spec=${tok#DATE:}; val=$(when "${spec%%:*}") || return 1; val=$(LC_ALL=C date -u -d "@$val" "+${spec#*:}") ;;
    esac
    out+=${text%%"${BASH_REMATCH[0]}"*}$val
    text=${text#*"${BASH_REMATCH[0]}"}
  done
  printf '%s' "$out$text" >"$f"
}

clamav_db() { # path time version signatures: a real CVD/CLD header (512 bytes) + random payload, dated `time`
  local t stamp
  t=$(when "$2") || return 1
  stamp=$(LC_ALL=C date -u -d "@$t" '+%d %b %Y %H-%M %z')
  mkdir -p "$(dirname "$R$1")"
  { printf '%-512s' "ClamAV-VDB:$stamp:$3:$4:90:X:X:raynman:$t"; head -c 1536 /dev/urandom; } >"$R$1"
  chmod 644 "$R$1"
  touch -d "@$t" "$R$1"
}

recordings() { # dir: lab/recordings/<host>/ with CRLF line ends (as PowerShell writes them) into dir
  local rec=$SCRIPT_DIR/recordings/$HOST f
  [ -d "$rec" ] || return 1
  mkdir -p "$R$1"
  for f in "$rec"/*; do
    # The recordings are kept with LF for readable diffs; NAME.rc (the section's exit code) is kept as is.
    case $f in
      *.rc) install -m 644 "$f" "$R$1/" ;;
      *) sed 's/$/\r/' "$f" >"$R$1/$(basename "$f")"; chmod 644 "$R$1/$(basename "$f")" ;;
    esac
  done
}

apply_manifest() { # folder: one step a line (lab/README.md lists them); `#` starts a comment line
  local m=$SCRIPT_DIR/hosts/$1/manifest verb rest a n=0 t
  [ -f "$m" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    read -r verb rest <<<"$line" || true
    case $verb in '' | '#'*) continue ;; esac
    read -r -a a <<<"$rest" || true
    case $verb in
      link) ln -sfn "${a[1]}" "$R${a[0]}" 2>/dev/null || { mkdir -p "$(dirname "$R${a[0]}")"; ln -sfn "${a[1]}" "$R${a[0]}"; } ;;
      mode) chmod "${a[0]}" "$R${a[1]}" ;;
      mtime) t=$(when "${a[1]}") && [ -e "$R${a[0]}" ] && touch -d "@$t" "$R${a[0]}" ;;
      fill) fill "${a[0]}" ;;
      clamav-db) clamav_db "${a[@]}" ;;
      random) mkdir -p "$(dirname "$R${a[0]}")"; head -c "${a[1]}" /dev/urandom >"$R${a[0]}"; chmod 644 "$R${a[0]}" ;;
      fifo) mkdir -p "$(dirname "$R${a[0]}")"; rm -f "$R${a[0]}"; mkfifo -m 644 "$R${a[0]}" ;;
      recordings) recordings "${a[0]}" ;;
      sshd) t=${line#*sshd}; SSHD_EXTRA[$HOST]+=${t# }$'\n' ;; # indentation kept (Match blocks)
      check) CHECK[$HOST]=$rest ;;
      check-via) CHECK_VIA[$HOST]=${a[0]} ;;
      check-output) CHECK_OUTPUT[$HOST]=$rest ;;
      stale-host-key) STALE_KEY[$HOST]=1 ;;
      *) die "$m:$n: unknown step '$verb'" ;;
    esac || die "$m:$n: '$line' failed"
  done <"$m"
}

build_host() { # host: the base, then each of its folders (files, then manifest) in the order hosts.tsv names them
  local l
  HOST=$1
  base_chroot "$1"
  for l in ${LAYERS[$1]}; do
    copy_root "$l"
    apply_manifest "$l"
  done
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
  # The host's own settings (`sshd` lines of its manifests): @LABUSER@ and @PORT:<host>@ filled in.
  local line out rest name
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    line=${line//@LABUSER@/$LABUSER}
    out=
    while [[ $line =~ @PORT:([A-Za-z0-9._-]+)@ ]]; do
      name=${BASH_REMATCH[1]}
      out+=${line%%"${BASH_REMATCH[0]}"*}$(port_of "$name" || die "$h: sshd setting names unknown host $name")
      line=${line#*"${BASH_REMATCH[0]}"}
    done
    printf '%s\n' "$out$line"
  done <<<"${SSHD_EXTRA[$h]:-}"
  return 0
}

port_of() { # host -> its port (BASE + its offset in lab/hosts.tsv)
  [ -n "${OFFSET[$1]:-}" ] || return 1
  echo $((BASE + OFFSET[$1]))
}

verify() { # host port known_hosts -> 0 when a strict client gets the answer the host's manifest expects
  local ssh=(ssh -i "$DIR/client_ed25519" -o UserKnownHostsFile="$3" -o StrictHostKeyChecking=yes
    -o BatchMode=yes -o ConnectTimeout=15 -o LogLevel=ERROR)
  local command=${CHECK[$1]:-cat /proc/sys/kernel/hostname} via=${CHECK_VIA[$1]:-}
  # Reached through another host, as a ProxyJump client would: both host keys checked strictly.
  [ -z "$via" ] || ssh+=(-o "ProxyCommand=${ssh[*]} -p $(port_of "$via") -W %h:%p $LABUSER@127.0.0.1")
  if [ -n "${CHECK_OUTPUT[$1]:-}" ]; then
    # A host meant to fail for the scanner: enough that sshd lets the client in and it sees this output.
    timeout 40 "${ssh[@]}" -p "$2" "$LABUSER@127.0.0.1" "$command" >"$DIR/hosts/$1/verify.out" 2>"$DIR/hosts/$1/verify.err" || true
    grep -qF -- "${CHECK_OUTPUT[$1]}" "$DIR/hosts/$1/verify.out"
    return
  fi
  timeout 40 "${ssh[@]}" -p "$2" "$LABUSER@127.0.0.1" "$command" >"$DIR/hosts/$1/verify.out" 2>"$DIR/hosts/$1/verify.err"
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

  local h
  for h in "${HOSTS[@]}"; do build_host "$h"; done
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
    if [ -n "${STALE_KEY[$h]:-}" ]; then
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

  # Every host answers a strict client; a host with a stale key on record answers only with its true key.
  local pids=() failed=()
  for h in "${HOSTS[@]}"; do
    port=$(port_of "$h")
    if [ -n "${STALE_KEY[$h]:-}" ]; then verify "$h" "$port" "$DIR/hosts/$h/known_hosts.true" & else verify "$h" "$port" "$DIR/known_hosts" & fi
    pids+=($!)
  done
  local i=0
  for h in "${HOSTS[@]}"; do
    wait "${pids[$i]}" || failed+=("$h")
    i=$((i + 1))
  done
  for h in "${!STALE_KEY[@]}"; do
    if verify "$h" "$(port_of "$h")" "$DIR/known_hosts"; then failed+=("$h(stale key accepted)")
    elif ! grep -q 'HOST IDENTIFICATION HAS CHANGED' "$DIR/hosts/$h/verify.err"; then failed+=("$h(no host-key-changed error)")
    fi
  done
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
