#!/usr/bin/env bash
# Runs a PostgreSQL server for the lab as a local process (started by the AppHost with
# --Lab:Runtime=local or --Lab:Postgres:Runtime=local).
#
#   postgres-local.sh POSTGRES_BINARY DATA_DIR PORT LISTEN_ADDRESSES INIT_SQL
#
# POSTGRES_PASSWORD (environment) is the password of the superuser 'postgres'. On the first start
# DATA_DIR is created with initdb (scram-sha-256 for every connection over TCP) and INIT_SQL (one
# statement a line: the lab's databases) is run once in single-user mode. Then the server is exec'd,
# so the process the AppHost started is PostgreSQL itself and its signals reach it. PostgreSQL refuses
# to run as root: run as root, the data folder is handed to the 'postgres' user and the server runs as it.
set -euo pipefail

if (($# != 5)); then
  echo "usage: $0 POSTGRES_BINARY DATA_DIR PORT LISTEN_ADDRESSES INIT_SQL" >&2
  exit 2
fi
postgres=$1 data=$2 port=$3 listen=$4 init_sql=$5
bin=$(dirname "$postgres")
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"

as_server_user=()
if ((EUID == 0)); then
  if ! id postgres >/dev/null 2>&1; then
    echo "$0: running as root needs the 'postgres' user (Debian's postgresql package creates it)" >&2
    exit 2
  fi
  as_server_user=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

if [[ ! -s "$data/PG_VERSION" ]]; then
  echo "postgres-local: initialising $data" >&2
  mkdir -p "$data"
  chmod 700 "$data"
  ((EUID == 0)) && chown postgres:postgres "$data"
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  ((EUID == 0)) && chown postgres "$pwfile"
  "${as_server_user[@]}" "$bin/initdb" --pgdata="$data" --username=postgres --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 >&2
  rm -f "$pwfile"
  # Containers reach a local server through the host gateway, from outside loopback.
  echo "host all all all scram-sha-256" >>"$data/pg_hba.conf"
  # Single-user mode takes one statement a line and exits 0 even when one fails: look at what it said.
  if ! output=$("${as_server_user[@]}" "$postgres" --single -D "$data" postgres <"$init_sql" 2>&1) || grep -q 'ERROR:' <<<"$output"; then
    printf '%s\n' "$output" >&2
    echo "postgres-local: creating the lab's databases failed; removing $data so the next start begins afresh" >&2
    rm -rf "$data"
    exit 1
  fi
fi

exec "${as_server_user[@]}" "$postgres" -D "$data" -p "$port" -c "listen_addresses=$listen" -c "unix_socket_directories=$data"
