#!/usr/bin/env bash
# npm run load: provisions like start.sh, starts a throwaway sandflow (own data dir, port and
# task queue, submit rate and per-client connection limits lifted: every load client is one loopback address), runs scripts/load.ts against it, and stops it.
# Arguments go to load.ts (--submissions N --clients N).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
trap 'kill -TERM "${service:-}" 2>/dev/null; wait "${service:-}" 2>/dev/null; rm -rf "${load_dir:-}"; stop_started_services' EXIT
provision || exit 1
cd "$SANDFLOW_ROOT" || exit 1
load_dir=$(mktemp -d "${TMPDIR:-/tmp}/sandflow-load.XXXXXX")
port="${SANDFLOW_LOAD_PORT:-4100}"
SANDFLOW_DATA_DIR="$load_dir" PORT="$port" SANDFLOW_TASK_QUEUE="sandflow-load-$$" SANDFLOW_LANGUAGES=python \
  SANDFLOW_SUBMIT_RATE_PER_MINUTE=1000000 SANDFLOW_SUBMIT_BURST=100000 SANDFLOW_MAX_CONNECTIONS_PER_CLIENT=100000 LOG_LEVEL=warn \
  node --import tsx bin/sandflow.ts all &
service=$!
wait_for 300 "the load-test service on port $port" curl -sf "http://127.0.0.1:$port/healthz"
npx --no-install tsx scripts/load.ts --url "http://127.0.0.1:$port/graphql" "$@"
