# The sandflow service image (API and worker roles), for docker-compose.yml.
# Sandbox images are separate: a worker builds them on its Docker host at start
# (runtimes/images.ts), from the debootstrapped base that scripts/provision.sh makes.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# No GraphQL introspection and no stack traces in error responses (common/config.ts).
ENV NODE_ENV=production
ENTRYPOINT ["node", "--import", "tsx", "bin/sandflow.ts"]
CMD ["all"]
