# The sandflow service image (API, worker and migrate roles) for docker-compose.yml, built by
# ops/compose/build-images.sh on top of its Node image (ops/compose/node.Dockerfile). Sandbox
# images are separate: they live in the engine the workers drive (runtimes/images.ts).
ARG NODE_IMAGE
FROM ${NODE_IMAGE} AS deps
# better-sqlite3 compiles from source: its prebuilt download is not reachable from every host.
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# No GraphQL introspection and no stack traces in error responses (common/config.ts).
ENV NODE_ENV=production
ENTRYPOINT ["node", "--import", "tsx", "bin/sandflow.ts"]
CMD ["all"]
