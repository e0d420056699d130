# PostgreSQL 15 from Debian's package, for docker-compose.yml.
ARG BASE_IMAGE=sandflow/debian:bookworm
FROM ${BASE_IMAGE}
# No default cluster: the entrypoint makes one in the volume on first start.
RUN mkdir -p /etc/postgresql-common && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf && \
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 && \
    rm -rf /var/lib/apt/lists/* && \
    mkdir -p /var/lib/postgresql/data && chown postgres:postgres /var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
USER postgres
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
