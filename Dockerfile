# 战区助手 — the production image (README, "Going live"):
#   docker build -t zhanqu-bot .
#   docker run -d --name zhanqu-bot --env-file .env -v zhanqu-data:/data -p 3000:3000 zhanqu-bot
# Debian (glibc) images throughout, so better-sqlite3's prebuilt binary fits, or is compiled, for the very
# system it runs on.

# --- build: every dependency, then `npm run build` (TypeScript → dist/) ---------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Only used when better-sqlite3 has no prebuilt binary for this Node and must compile.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY deploy/build.mjs deploy/build.mjs
COPY src src
COPY commands commands
COPY scheduler scheduler
COPY db db
RUN npm run build

# --- deps: the production dependencies only (no TypeScript, no tsx, no test tools) ---------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# --- run: plain node on the compiled code, as an unprivileged user -------------------------------------
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/data/zhanqu.db \
    CONFIG_PATH=/app/config/zhanqu.json
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# The database lives on a volume; the image's own user (uid 1000) owns it.
RUN mkdir -p /data /app/config && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# /healthz: 200 while the database takes writes and the sender runs, 503 otherwise (README, "Operations").
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The bot stops taking events, finishes the ones in flight, flushes and closes the database on SIGTERM.
STOPSIGNAL SIGTERM
# The same V8 flags as `npm start` (package.json; tests/deploy.test.ts keeps them equal). No npm in between:
# it would cost memory and stand between the bot and the signal.
CMD ["node", "--max-old-space-size=256", "--max-semi-space-size=4", "--v8-pool-size=1", "dist/main.js"]
