#!/usr/bin/env bash
# Builds once, then reuses, a Debian sid root holding the matrix-synapse package, so the lab can run a
# real Synapse as a local process on machines without Docker (Debian stable ships no Synapse, and sid's
# packages would upgrade the host's C library, so Synapse gets a root of its own).
#
#   ROOT=$(AppHost/LocalRuntime/synapse-root.sh [ROOT])
#
# ROOT: the first argument, else $MATRIXRTC_LAB_SYNAPSE_ROOT, else /var/cache/matrixrtc-lab/synapse-root.
# It lives outside the working tree (≈0.55 GB). Building takes two to five minutes and needs root
# (debootstrap into ROOT.partial, apt-get install matrix-synapse inside it, stamp, rename to ROOT), so an
# interrupted build never looks complete; a complete root (its stamp present) is reused at once, as any user.
# The Debian mirror is taken from this host's apt configuration; $MATRIXRTC_LAB_DEBIAN_MIRROR overrides it.
# Progress goes to stderr; the last line on stdout is ROOT. Run Synapse with synapse-in-root.sh.
set -euo pipefail

readonly DEFAULT_ROOT=/var/cache/matrixrtc-lab/synapse-root
readonly STAMP_NAME=.matrixrtc-lab-synapse-root
readonly SUITE=sid
readonly PATH_IN_ROOT=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# The mirror's unstable Release file can be past its Valid-Until date; sid moves daily anyway.
readonly APT_OPTS=(-o Acquire::Check-Valid-Until=false -o Dpkg::Use-Pty=0)

log() { printf 'synapse-root: %s\n' "$*" >&2; }
die() { local code=$1; shift; log "$*"; exit "$code"; }

# Runs a command inside the root with a clean environment (the host's variables mean nothing there).
in_root() {
  chroot "$1" /usr/bin/env -i PATH="$PATH_IN_ROOT" HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "${@:2}"
}

# Second half of the build, run by the first half inside a private mount namespace
# (`unshare --mount`), so the /proc mounted here disappears with the process, even if it is killed.
if [ "${1:-}" = "__matrixrtc-lab-install-in-namespace" ]; then
  partial=$2
  mount -t proc proc "$partial/proc"
  in_root "$partial" apt-get "${APT_OPTS[@]}" update
  in_root "$partial" apt-get "${APT_OPTS[@]}" install -y --no-install-recommends matrix-synapse
  in_root "$partial" apt-get clean
  exit 0
fi

root=${1:-${MATRIXRTC_LAB_SYNAPSE_ROOT:-$DEFAULT_ROOT}}
case $root in
  /*) ;;
  *) root=$(realpath -m -- "$root") ;;
esac
root=${root%/}
if [ -z "$root" ] || [ "$root" = / ]; then die 2 "refusing to use / as the Synapse root"; fi
partial=$root.partial
stamp=$root/$STAMP_NAME

stamp_value() { sed -n "s/^$1=//p" "$stamp"; }

# Reuse: the stamp is written inside ROOT.partial just before the rename, so it means "complete".
if [ -f "$stamp" ]; then
  log "reusing $root: Synapse $(stamp_value synapse_version) (matrix-synapse $(stamp_value package_version)), built $(stamp_value built)"
  printf '%s\n' "$root"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || die 2 "building the Synapse root needs root (debootstrap, chroot, mount); run: sudo $0 $*"

mkdir -p -- "$(dirname -- "$root")"
exec 9>"$root.lock"
flock 9
if [ -f "$stamp" ]; then # another run finished it while this one waited for the lock
  log "reusing $root, built meanwhile: Synapse $(stamp_value synapse_version)"
  printf '%s\n' "$root"
  exit 0
fi
if [ -e "$root" ]; then
  die 1 "$root exists but has no $STAMP_NAME stamp, so it was not built by this script; remove it or pick another path"
fi

# The mirror: this host's own apt configuration (the suite that is not -security), unless overridden.
mirror_from_deb822() { # prints the first URI of a deb stanza whose suites are not -security
  awk 'BEGIN { RS = ""; FS = "\n" }
       {
         types = ""; uris = ""; suites = ""
         for (i = 1; i <= NF; i++) {
           line = $i
           if (line ~ /^[ \t]*#/) continue
           if (sub(/^Types:[ \t]*/, "", line)) types = line
           else if (sub(/^URIs:[ \t]*/, "", line)) uris = line
           else if (sub(/^Suites:[ \t]*/, "", line)) suites = line
         }
         if ((" " types " ") !~ / deb / || uris == "" || suites == "" || suites ~ /-security/) next
         split(uris, u, /[ \t]+/)
         if (u[1] ~ /^(https?|ftp):\/\// && u[1] !~ /security/) { print u[1]; exit }
       }' "$1"
}
mirror_from_one_line() { # prints the URI of the first `deb` line whose suite is not -security
  awk '$1 == "deb" {
         i = 2
         if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
         uri = $i; suite = $(i + 1)
         if (uri ~ /^(https?|ftp):\/\// && suite !~ /-security/ && uri !~ /security/) { print uri; exit }
       }' "$1"
}
mirror=${MATRIXRTC_LAB_DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(mirror_from_deb822 /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
  mirror=$(mirror_from_one_line /etc/apt/sources.list)
fi
[ -n "$mirror" ] || die 1 "found no Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list; set MATRIXRTC_LAB_DEBIAN_MIRROR"
mirror=${mirror%/}
log "Debian mirror: $mirror${MATRIXRTC_LAB_DEBIAN_MIRROR:+ (from MATRIXRTC_LAB_DEBIAN_MIRROR)}"

if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
  fi
fi

# A leftover ROOT.partial is from an interrupted build: unmount whatever an old tool left mounted in it
# (deepest first), then delete it without crossing into other file systems.
if [ -e "$partial" ]; then
  log "removing $partial left by an interrupted build"
  findmnt -rn -o TARGET | awk -v p="$partial/" 'index($0 "/", p) == 1' | sort -r |
    while IFS= read -r m; do umount -l -- "$m"; done
  rm -rf --one-file-system -- "$partial"
fi

started=$SECONDS
trap 'log "build failed; $partial is incomplete and the next run deletes it"' ERR
log "debootstrap --variant=minbase $SUITE into $partial (about a minute)"
# In a private mount namespace, so the /proc and /sys that debootstrap mounts cannot outlive it.
unshare --mount --propagation private -- \
  debootstrap --variant=minbase --components=main "$SUITE" "$partial" "$mirror" >&2

cp -L /etc/resolv.conf "$partial/etc/resolv.conf"
[ -s "$partial/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$partial/etc/hosts"
# Nothing in this root is ever started as a service by its package scripts.
printf '#!/bin/sh\nexit 101\n' >"$partial/usr/sbin/policy-rc.d"
chmod 755 "$partial/usr/sbin/policy-rc.d"

log "apt-get install matrix-synapse inside the root"
unshare --mount --propagation private -- "$BASH" "$0" __matrixrtc-lab-install-in-namespace "$partial" >&2

# shellcheck disable=SC2016 # ${Version} is dpkg-query's field, not a shell expansion
package_version=$(in_root "$partial" dpkg-query -W -f='${Version}' matrix-synapse)
synapse_version=$(in_root "$partial" python3 -c 'import synapse; print(synapse.__version__)')
python_version=$(in_root "$partial" python3 -c 'import platform; print(platform.python_version())')

sync -f "$partial" # the files are on disk before the stamp says so
cat >"$partial/$STAMP_NAME" <<STAMP
# Written by AppHost/LocalRuntime/synapse-root.sh when the build finished; its presence means complete.
synapse_version=$synapse_version
package_version=$package_version
python_version=$python_version
suite=$SUITE
built=$(date -u +%Y-%m-%dT%H:%M:%SZ)
STAMP
sync -f "$partial"
mv -T -- "$partial" "$root"
trap - ERR

log "built $root in $((SECONDS - started)) s: Synapse $synapse_version (matrix-synapse $package_version, Python $python_version), $(du -sh --one-file-system "$root" | cut -f1)"
printf '%s\n' "$root"
