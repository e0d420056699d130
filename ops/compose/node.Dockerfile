# Node for the sandflow image. Debian bookworm's nodejs is 18, older than the repo needs, so
# ops/compose/build-images.sh copies in the host's own Node (the one the scripts and tests run),
# its npm, and the headers node-gyp needs to build better-sqlite3 without downloading them.
ARG BASE_IMAGE=sandflow/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libstdc++6 && rm -rf /var/lib/apt/lists/*
# The host's trust store: registries may be reached through a proxy with its own CA.
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY node /usr/bin/node
COPY npm /usr/lib/node_modules/npm
COPY include /usr/include/node
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/bin/npm && node --version && npm --version
ENV npm_config_nodedir=/usr npm_config_update_notifier=false npm_config_cafile=/etc/ssl/certs/ca-certificates.crt
