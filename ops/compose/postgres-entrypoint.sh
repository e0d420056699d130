#!/bin/sh
# Makes the cluster in the (empty) volume on first start, then runs PostgreSQL on loopback only:
# every compose service shares the host's network, and nothing else should reach the database.
set -eu
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb -D "$PGDATA" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" >/dev/null
  rm -f "$pwfile"
fi
exec postgres -D "$PGDATA" -c listen_addresses=127.0.0.1 -p "${PGPORT:-5432}" -k /tmp
