#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian's package) in a temp directory on a free loopback port,
# for trying a cluster or running the cluster benchmark by hand:
#   eval "$(tools/throwaway-postgres.sh start)"   # exports ROOMS_DB_URL, ROOMS_DB_USER, PG_THROWAWAY
#   tools/throwaway-postgres.sh stop "$PG_THROWAWAY"
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/rooms-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U rooms -E UTF8 >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -w start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U rooms rooms
    echo "export ROOMS_DB_URL=jdbc:postgresql://127.0.0.1:$port/rooms ROOMS_DB_USER=rooms PG_THROWAWAY=$dir"
    ;;
  stop)
    dir=${2:?the directory printed by start}
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
