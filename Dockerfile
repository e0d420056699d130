# The sandflow service image (API and worker roles), for docker-compose.yml.
# Sandbox images are separate: a worker builds them on its Docker host at start
# (runtimes/images.ts), from the debootstrapped base that scripts/provision.sh makes.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENTRYPOINT ["node", "--import", "tsx", "bin/sandflow.ts"]
CMD ["all"]
