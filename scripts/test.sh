#!/usr/bin/env bash
# Runs the whole test suite on real services: provisions exactly as start.sh does (plus a
# local PostgreSQL for the production-path tests), type-checks, then runs vitest.
# Extra arguments go to vitest (e.g. a file filter). The last line is "N passed, M failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"
trap stop_started_services EXIT
provision --postgres || { echo "0 passed, 1 failed"; exit 1; }
cd "$SANDFLOW_ROOT" || exit 1
export NODE_ENV=test
# The crash-recovery tests start and restart a private Temporal server with this CLI.
SANDFLOW_TEMPORAL_CLI="${SANDFLOW_TEMPORAL_CLI:-$(temporal_bin)}"; export SANDFLOW_TEMPORAL_CLI

passed=0 failed=0
log "type-checking (graphql-codegen, then tsc)"
# Generated resolver types must match the SDL as committed.
codegen_current() {
  npx --no-install graphql-codegen --config codegen.ts --silent >&2 || return 1
  git -C "$SANDFLOW_ROOT" diff --quiet -- api/generated 2>/dev/null && return 0
  [ -d "$SANDFLOW_ROOT/.git" ] || return 0
  log "api/generated is stale: run 'npm run codegen' and commit the result"; return 1
}
# playground/ runs in a browser: its own tsconfig (DOM types).
if codegen_current && npx --no-install tsc -p tsconfig.json --noEmit && npx --no-install tsc -p playground/tsconfig.json; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); log "type-check failed"
fi
log "linting (eslint, type-aware: floating promises, deprecated APIs, what workflows may import; prettier's check)"
if npx --no-install eslint . && npx --no-install prettier --check --log-level warn .; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); log "lint failed"
fi

# run_vitest NAME ARGS...: one vitest run, its counts added to passed/failed.
run_vitest() {
  local report="$SANDFLOW_DATA_DIR/vitest-$1.json"; shift
  rm -f "$report"
  npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
  if [ ! -f "$report" ]; then failed=$((failed + 1)); log "vitest wrote no report"; return; fi
  # A file that failed to load fails the run without failing a test: count it once.
  read -r vp vf < <(node -e '
    const r = require(process.argv[1]);
    console.log(r.numPassedTests, r.numFailedTests + (!r.success && r.numFailedTests === 0 ? 1 : 0));' "$report")
  passed=$((passed + vp)); failed=$((failed + vf))
  [ "$vf" -eq 0 ] || failures+=("$report")
}

# CI keeps only the tail of the output: name every failed test (and a file that did not load)
# just above the count, with the first line of its error.
print_failures() {
  node -e '
    for (const file of process.argv.slice(1)) {
      const run = require("path").basename(file, ".json").replace(/^vitest-/, "");
      const r = require(file);
      for (const suite of r.testResults) {
        const where = require("path").relative(process.cwd(), suite.name);
        if (suite.assertionResults.length === 0 && suite.status === "failed")
          console.log(`FAILED [${run}] ${where}: ${(suite.message || "").split("\n")[0]}`);
        for (const t of suite.assertionResults.filter((a) => a.status === "failed"))
          console.log(`FAILED [${run}] ${where} > ${t.fullName}: ${(t.failureMessages[0] || "").split("\n")[0].slice(0, 300)}`);
      }
    }' "$@"
}
failures=()

run_vitest main "$@"
# The whole suite ran with warm sandboxes (the default). When the whole suite was asked for, the
# sandbox and judging suites run again in fresh mode, and the sandbox suites under gVisor in both.
SANDBOX_SUITES=(test/security test/integration/languages.test.ts)
if [ $# -eq 0 ] && [ -z "${SANDFLOW_TEST_RUNTIME:-}" ]; then
  log "sandbox and judging suites again in fresh mode (one container per run)"
  SANDFLOW_SANDBOX_MODE=fresh run_vitest fresh "${SANDBOX_SUITES[@]}" test/integration/foundation.test.ts \
    test/integration/judging.test.ts test/integration/crash-recovery.test.ts test/load
  if [ "${SANDFLOW_SKIP_GVISOR:-0}" != 1 ] && docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; then
    log "sandbox suites again under gVisor (runsc), warm and fresh"
    SANDFLOW_TEST_RUNTIME=runsc run_vitest gvisor "${SANDBOX_SUITES[@]}"
    SANDFLOW_TEST_RUNTIME=runsc SANDFLOW_SANDBOX_MODE=fresh run_vitest gvisor-fresh "${SANDBOX_SUITES[@]}"
  fi
fi
[ "${#failures[@]}" -eq 0 ] || print_failures "${failures[@]}"
[ "$passed" -gt 0 ] || failed=$((failed + 1))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
