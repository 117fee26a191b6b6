# Sourced by run-tests.sh: start_test_servers / stop_test_servers for PostgreSQL and Redis on loopback.
# PostgreSQL refuses to run as root, so it runs as the unprivileged user "postgres" (created by Debian's
# package) in a fresh temp cluster. Exports BY_TEST_DATABASE_URL and BY_TEST_REDIS_URL.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

start_test_servers() {
  BY_TEST_TMP=$(mktemp -d /tmp/by-servers.XXXXXX)
  chmod 755 "$BY_TEST_TMP"
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  local pgport; pgport=$(free_port)
  local run_as=()
  if [[ $(id -u) == 0 ]]; then run_as=(runuser -u postgres --); fi
  mkdir -p "$BY_TEST_TMP/pg"
  [[ $(id -u) == 0 ]] && chown postgres "$BY_TEST_TMP/pg"
  "${run_as[@]}" "$pgbin/initdb" -D "$BY_TEST_TMP/pg/data" -U by --auth=trust -E UTF8 >"$BY_TEST_TMP/pg-init.log" 2>&1
  "${run_as[@]}" "$pgbin/pg_ctl" -D "$BY_TEST_TMP/pg/data" -l "$BY_TEST_TMP/pg/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pgport -c unix_socket_directories=$BY_TEST_TMP/pg -c fsync=off -c max_connections=300" start >/dev/null
  "${run_as[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U by by_test
  export BY_TEST_DATABASE_URL="postgresql://by@127.0.0.1:$pgport/by_test"
  export BY_TEST_PG_BIN="$pgbin" BY_TEST_PG_PORT="$pgport"

  local rport; rport=$(free_port)
  redis-server --port "$rport" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$BY_TEST_TMP/redis.pid" --logfile "$BY_TEST_TMP/redis.log" >/dev/null
  export BY_TEST_REDIS_URL="redis://127.0.0.1:$rport"
  echo "test servers: PostgreSQL on 127.0.0.1:$pgport, Redis on 127.0.0.1:$rport"
}

stop_test_servers() {
  local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  local run_as=(); if [[ $(id -u) == 0 ]]; then run_as=(runuser -u postgres --); fi
  "${run_as[@]}" "$pgbin/pg_ctl" -D "$BY_TEST_TMP/pg/data" -m immediate stop >/dev/null 2>&1 || true
  [[ -f $BY_TEST_TMP/redis.pid ]] && kill "$(cat "$BY_TEST_TMP/redis.pid")" 2>/dev/null || true
  rm -rf "$BY_TEST_TMP"
}
