# Shared settings and helpers for sandflow's scripts. Sourced, never run.
# Every default here is documented in docs/configuration.md.

SANDFLOW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SANDFLOW_DATA_DIR="${SANDFLOW_DATA_DIR:-$SANDFLOW_ROOT/.sandflow}"
export SANDFLOW_BASE_IMAGE="${SANDFLOW_BASE_IMAGE:-sandflow/debian:bookworm}"
SANDFLOW_TEMPORAL_PORT="${SANDFLOW_TEMPORAL_PORT:-7233}"
SANDFLOW_TEMPORAL_UI_PORT="${SANDFLOW_TEMPORAL_UI_PORT:-8233}"
SANDFLOW_POSTGRES_PORT="${SANDFLOW_POSTGRES_PORT:-55432}"

log() { printf '[sandflow] %s\n' "$*" >&2; }
die() { printf '[sandflow] error: %s\n' "$*" >&2; exit 1; }

# True when something accepts TCP connections on host:port.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s.
wait_for() {
  local seconds=$1 what=$2; shift 2
  local tries=$((seconds * 2))
  while ! "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || die "$what did not come up within ${seconds}s"
    sleep 0.5
  done
}

apt_install() {
  [ "$(id -u)" = 0 ] || die "need root to install $* (or install it yourself: apt-get install $*)"
  command -v apt-get >/dev/null || die "no apt-get here: install $* yourself"
  if [ ! -f "$SANDFLOW_DATA_DIR/.apt-updated" ]; then
    apt-get update -q >&2 || die "apt-get update failed"
    mkdir -p "$SANDFLOW_DATA_DIR" && touch "$SANDFLOW_DATA_DIR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2 || die "apt-get install $* failed"
}
