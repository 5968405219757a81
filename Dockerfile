# ideas-bot: the production install (npm ci --omit=dev) and `node --import tsx adapters/main.ts`,
# no build step. test/deploy.test.ts checks this file and runs its CMD on such an install.
#
#   docker build -t ideas-bot .
#   docker run --init --env-file .env -v ideas-data:/data -p 3000:3000 ideas-bot
#
# `--init` (compose.yaml: `init: true`): a tiny init as PID 1 forwards signals to node and reaps
# zombies. node handles SIGTERM itself (it stops within seconds, exit 0), so `docker stop` works
# either way; the init only spares node the other duties of PID 1.
ARG NODE_VERSION=20

# ── build: production dependencies only; better-sqlite3 compiles here when no prebuilt binary fits ──
FROM node:${NODE_VERSION}-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# ── runtime: the same Node (the native module's ABI), no compiler ──
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000 \
    SHELL_ADAPTER=off
# SHELL_ADAPTER=off: a container's stdin is empty, so the terminal shell would end at once; for it,
# run `docker run -it --init -e SHELL_ADAPTER=on ideas-bot`. Leave HOST unset in a container (every
# interface): the health check below asks 127.0.0.1.
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY . .
# The app's files stay root's (read-only to the bot); only /data is the bot's.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# /healthz answers 200 as long as the process serves requests (adapters/health.ts). No curl in a
# slim image: node's fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself, not npm: signals go straight to it.
CMD ["node", "--import", "tsx", "adapters/main.ts"]
