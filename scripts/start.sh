#!/usr/bin/env bash
# Starts the whole service: installs and provisions what is missing (Node packages, Docker
# engine, runtime images, Temporal dev server), migrates, then serves the API and a worker
# in one process. Ctrl-C stops everything this script started.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
trap stop_started_services EXIT
trap 'exit 130' INT TERM
provision || exit 1
cd "$SANDFLOW_ROOT" || exit 1
# The process prints where the API, /metrics and the Temporal Web UI are, and which languages are ready, once it is up.
export TEMPORAL_UI_URL="${TEMPORAL_UI_URL:-http://127.0.0.1:$SANDFLOW_TEMPORAL_UI_PORT}"
log "starting sandflow (API on http://${HOST:-127.0.0.1}:${PORT:-4000}/graphql)"
node --import tsx bin/sandflow.ts "${1:-all}" &
child=$!
trap 'kill -INT $child 2>/dev/null; wait $child; exit 130' INT TERM
wait $child
