#!/usr/bin/env bash
# npm run bench: provisions like start.sh, then runs scripts/bench.ts, which starts its own
# throwaway sandflow and stops it. Arguments go to bench.ts (--mode warm|fresh --runs N ...).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
trap 'stop_started_services' EXIT
provision >&2 || exit 1  # its progress on stderr: stdout carries the report (or --json)
cd "$SANDFLOW_ROOT" || exit 1
npx --no-install tsx scripts/bench.ts "$@"
