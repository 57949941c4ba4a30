#!/usr/bin/env bash
# Runs the real Synapse from the Debian root that synapse-root.sh built, as a local process (no Docker):
#
#   synapse-in-root.sh SYNAPSE-ARGS...      runs  python3 -m synapse.app.homeserver SYNAPSE-ARGS...
#   synapse-in-root.sh --run CMD ARGS...    runs  CMD ARGS...  the same way (e.g. synapse_register_new_matrix_user)
#
# The root is $MATRIXRTC_LAB_SYNAPSE_ROOT, else /var/cache/matrixrtc-lab/synapse-root. Needs root (mount, chroot).
# Host directories appear inside the root at the same absolute path: the directory of every
# -c/--config-path argument (or the directory itself when one is given), the working directory, and any
# from $MATRIXRTC_LAB_SYNAPSE_BIND (colon separated). Those bind mounts, /proc, /dev (only if the root
# lacks device nodes) and the host's /etc/hosts and /etc/resolv.conf are mounted in a private mount
# namespace, so nothing stays mounted on the host when Synapse exits or is killed. The working directory
# is kept. Synapse gets a clean environment (PATH, HOME=/root, LANG=C.UTF-8 and every SYNAPSE_* variable).
# Each step execs the next, so the process that started this script ends up being Synapse itself:
# signals reach it directly, and so do its logs.
set -euo pipefail

readonly DEFAULT_ROOT=/var/cache/matrixrtc-lab/synapse-root
readonly STAMP_NAME=.matrixrtc-lab-synapse-root
readonly PATH_IN_ROOT=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
readonly IN_NAMESPACE=__matrixrtc-lab-in-namespace

log() { printf 'synapse-in-root: %s\n' "$*" >&2; }
die() { local code=$1; shift; log "$*"; exit "$code"; }

root=${MATRIXRTC_LAB_SYNAPSE_ROOT:-$DEFAULT_ROOT}
root=${root%/}

# Second stage, inside the private mount namespace: $2 is how many directories to bind, then they follow,
# then the command. Mounts made here vanish with the namespace, i.e. when Synapse's process ends.
if [ "${1:-}" = "$IN_NAMESPACE" ]; then
  count=$2
  binds=("${@:3:count}")
  shift $((2 + count))
  root_real=$(realpath -- "$root")
  mount -t proc proc "$root/proc"
  # debootstrap made /dev/null, /dev/urandom and friends in the root, which is all Synapse needs; a root
  # debootstrapped inside a container has an empty /dev instead, so then the host's is bound.
  if [ ! -c "$root/dev/null" ] || [ ! -c "$root/dev/urandom" ]; then mount --rbind /dev "$root/dev"; fi
  for f in /etc/hosts /etc/resolv.conf; do
    if [ -f "$f" ]; then
      touch "$root$f"
      mount --bind "$f" "$root$f"
    fi
  done
  for dir in "${binds[@]}"; do
    # A symbolic link inside the root (such as /var/run -> /run) must not lead the mount point out of it.
    case $(realpath -m -- "$root$dir") in
      "$root_real"/*) ;;
      *) die 2 "$dir leads out of $root through a symbolic link in the root; bind the directory it points to" ;;
    esac
    mkdir -p -- "$root$dir"
    mount --rbind -- "$dir" "$root$dir"
  done
  env_vars=(PATH="$PATH_IN_ROOT" HOME=/root LANG=C.UTF-8)
  while IFS= read -r -d '' var; do
    case $var in SYNAPSE_*) env_vars+=("$var") ;; esac
  done < <(env -0)
  exec chroot "$root" /usr/bin/env -i -C "$PWD" "${env_vars[@]}" "$@"
fi

if [ ! -f "$root/$STAMP_NAME" ]; then
  die 2 "no complete Synapse root at $root; build it first with: sudo $(dirname -- "$0")/synapse-root.sh${MATRIXRTC_LAB_SYNAPSE_ROOT:+ $root}"
fi
[ "$(id -u)" -eq 0 ] || die 2 "running Synapse in $root needs root (mount namespace, bind mounts, chroot)"

run_other=false
if [ "${1:-}" = --run ]; then
  shift
  [ $# -gt 0 ] || die 2 "usage: $0 --run CMD [ARGS...]"
  run_other=true
  command=("$@")
else
  command=(python3 -m synapse.app.homeserver "$@")
fi

# The directories to bind, at the path the caller named them by (symbolic links are not resolved, since
# Synapse opens the paths as given): each config path's directory and each of $MATRIXRTC_LAB_SYNAPSE_BIND
# are required; the working directory is bound too unless it is one of the root's own system directories.
required=()
add_config_path() {
  local path
  # For another command (--run) a -c need not be a config path (sh -c ...): only an existing file counts.
  if $run_other && [ ! -e "$1" ]; then return; fi
  path=$(realpath -m -s -- "$1")
  if [ -d "$path" ]; then required+=("$path"); else required+=("$(dirname -- "$path")"); fi
}
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    -c | --config-path) if ((i + 1 < ${#args[@]})); then add_config_path "${args[i + 1]}"; fi ;;
    --config-path=*) add_config_path "${args[i]#--config-path=}" ;;
    -c?*) add_config_path "${args[i]#-c}" ;;
  esac
done
if [ -n "${MATRIXRTC_LAB_SYNAPSE_BIND:-}" ]; then
  IFS=: read -r -a extra <<<"$MATRIXRTC_LAB_SYNAPSE_BIND"
  for dir in "${extra[@]}"; do
    if [ -n "$dir" ]; then required+=("$(realpath -m -s -- "$dir")"); fi
  done
fi
# Binding over these would hide the root's own system (its Python, libraries, Synapse itself).
hides_root_software() {
  case $1 in
    / | /bin | /bin/* | /boot | /boot/* | /dev | /dev/* | /etc | /lib | /lib/* | /lib64 | /lib64/* | /proc | /proc/* | \
      /run | /sbin | /sbin/* | /sys | /sys/* | /usr | /usr/* | /var) return 0 ;;
  esac
  return 1
}
# The working directory is only a convenience, so it is bound only where the root has nothing of its own.
cwd_is_bindable() {
  case $1 in /etc/* | /run/* | /var/*) return 1 ;; esac
  ! hides_root_software "$1"
}

# Refuse required directories that would hide the root's own system, skip missing ones, and drop any that
# lie inside another (the recursive bind of the outer one already shows them).
binds=()
candidates=("${required[@]}")
if cwd_is_bindable "$PWD"; then
  candidates+=("$PWD")
else
  log "not binding the working directory $PWD over the root's own"
fi
while IFS= read -r dir; do
  [ -n "$dir" ] || continue
  if hides_root_software "$dir"; then
    die 2 "refusing to bind $dir: it would hide the root's own system; keep the config in a lab directory"
  fi
  if [ ! -d "$dir" ]; then continue; fi # a missing config file is for Synapse to report
  covered=false
  for outer in "${binds[@]}"; do
    case $dir/ in "$outer"/*) covered=true ;; esac
  done
  if ! $covered; then binds+=("$dir"); fi
done < <(printf '%s\n' "${candidates[@]}" | LC_ALL=C sort -u)

log "root $root; bound at the same path: ${binds[*]}"
exec unshare --mount --propagation private -- "$BASH" "$0" "$IN_NAMESPACE" "${#binds[@]}" "${binds[@]}" "${command[@]}"
