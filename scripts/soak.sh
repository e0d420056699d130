#!/usr/bin/env bash
# npm run soak: provisions like start.sh, then runs scripts/soak.ts, which starts its own
# throwaway sandflow, feeds it for --minutes and stops it. Arguments go to soak.ts.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
trap 'stop_started_services' EXIT
provision >&2 || exit 1  # its progress on stderr: stdout carries the report
cd "$SANDFLOW_ROOT" || exit 1
npx --no-install tsx scripts/soak.ts "$@"
