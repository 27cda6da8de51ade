# The cloud as a WeChat Cloud Run service (or any container host): compiled JavaScript, no tsx, no app build.
# `npm run check:container` runs this image's start command from a clean production build (no image can be
# built on the development machines).

# 1. Bundle the cloud (mock/ + src/core + src/contract) into dist/server with esbuild.
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: the bundle step needs none (better-sqlite3 is built in the next stage).
RUN npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
COPY mock ./mock
COPY src/core ./src/core
COPY src/contract ./src/contract
COPY scripts/build-server.mjs ./scripts/build-server.mjs
RUN node scripts/build-server.mjs

# 2. The one native runtime dependency, at the lock file's version (compiled if no prebuilt binary is reachable).
FROM node:22-bookworm-slim AS runtime-deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/dist/server/package.json ./
RUN npm install --omit=dev --no-audit --no-fund --loglevel=error

# 3. What runs: the bundle and its node_modules, as an unprivileged user; data under /data.
FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=80 DB_PATH=/data/cloud.sqlite
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY --from=build /src/dist/server ./
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 80
# Identity and secrets come from the service's environment (README, "Deploy"): WX_CLOUDRUN=1 and WX_APPID
# behind WeChat Cloud Run, or WX_APPID + WX_SECRET for WeChat login behind any other gateway.
CMD ["node", "--enable-source-maps", "server.js"]
