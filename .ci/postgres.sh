#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks, on a free loopback port.
#
#   eval "$(bash .ci/postgres.sh start)"   # installs PostgreSQL from Debian if missing, starts it, and prints
#                                          # export COACHBOT_TEST_POSTGRES=... and COACHBOT_TEST_POSTGRES_DIR=...
#   bash .ci/postgres.sh stop              # stops the server started above and deletes its files
#
# The cluster lives in a temporary folder, listens on 127.0.0.1 only (its unix socket stays in that folder),
# and has one database owned by a user with a password generated for this run. Progress goes to stderr so
# that stdout can be eval'd.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

pg_bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    fi
}

# Runs a PostgreSQL program as the owner of the cluster: initdb and postgres refuse to run as root.
as_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

install_postgres() {
    if [[ -n "$(pg_bin_dir)" ]]; then
        return
    fi
    if [[ $EUID -ne 0 ]]; then
        log "PostgreSQL is not installed and installing it needs root: apt-get install postgresql"
        exit 1
    fi
    log "installing PostgreSQL from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    install_postgres
    local bin dir port password
    bin=$(pg_bin_dir)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/coachbot-postgres.XXXXXX")
    chmod 700 "$dir"
    if [[ $EUID -eq 0 ]]; then
        chown postgres: "$dir"
    fi
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

    log "initialising a cluster in $dir"
    as_owner "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

    # A random port can be taken between the check and the start: try a few.
    local attempt started=0
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 40000))
        port_in_use "$port" && continue
        if as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300" \
            start >&2; then
            started=1
            break
        fi
    done
    if [[ $started -ne 1 ]]; then
        log "could not start PostgreSQL; server log:"
        cat "$dir/server.log" >&2 || true
        exit 1
    fi

    as_owner "$bin/psql" --host="$dir" --port="$port" --username=postgres --dbname=postgres --quiet \
        --set=ON_ERROR_STOP=1 --set=password="$password" >&2 <<'SQL'
CREATE ROLE coachbot LOGIN PASSWORD :'password';
CREATE DATABASE coachbot_test OWNER coachbot;
SQL
    log "PostgreSQL listening on 127.0.0.1:$port"
    echo "export COACHBOT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=coachbot;Password=$password;Database=coachbot_test'"
    echo "export COACHBOT_TEST_POSTGRES_DIR='$dir'"
}

stop() {
    local dir="${1:-${COACHBOT_TEST_POSTGRES_DIR:-}}"
    if [[ -z "$dir" || ! -d "$dir/data" ]]; then
        log "nothing to stop: pass the folder or set COACHBOT_TEST_POSTGRES_DIR"
        return 0
    fi
    as_owner "$(pg_bin_dir)/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >&2 || true
    rm -rf "$dir"
    log "stopped and removed $dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop [folder]" >&2; exit 2 ;;
esac
