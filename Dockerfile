# syntax=docker/dockerfile:1
# The Strata gateway (`strata serve`: the web chat, its API and the OpenAI/Anthropic-compatible endpoints).
#   docker build -t strata .
#   docker run --rm -p 127.0.0.1:8080:8080 strata        # no AWS credentials: answers from the emulator
# docker-compose.yml runs it with PostgreSQL and the host's AWS settings.

ARG NODE_VERSION=20.20

# --- build: the locked dependencies, then every package built from source --------------------------------
# The full image has python3, make and g++ in case better-sqlite3 has no prebuilt addon for the platform.
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app

# Manifests first, so that the dependency layer is reused while only sources change. npm ci needs every
# workspace's manifest (bench's too), as the lockfile names them all.
COPY package.json package-lock.json ./
COPY packages/bedrock/package.json packages/bedrock/
COPY packages/emulator/package.json packages/emulator/
COPY packages/agent/package.json packages/agent/
COPY packages/gateway/package.json packages/gateway/
COPY packages/web/package.json packages/web/
COPY packages/cli/package.json packages/cli/
COPY bench/package.json bench/
# No scripts yet: the root `prepare` script is the build, which needs the sources copied below.
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.base.json tsconfig.json ./
COPY packages packages
RUN npm rebuild better-sqlite3 && npm run build

# What each package publishes (its `files`: dist without source maps, specs, README) via `npm pack`, so
# that the image holds what an npm install would; then only the production dependencies, and of
# better-sqlite3 only its addon (not the SQLite sources and objects of a build from source).
RUN npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /out/packages \
 && for dir in bedrock emulator agent gateway web cli; do \
      mkdir -p "/tmp/pack/$dir" "/out/packages/$dir" \
      && npm pack --ignore-scripts --silent --workspace "packages/$dir" --pack-destination "/tmp/pack/$dir" >/dev/null \
      && tar -xzf "/tmp/pack/$dir"/*.tgz -C "/out/packages/$dir" --strip-components=1 \
      && if [ -d "packages/$dir/node_modules" ]; then cp -a "packages/$dir/node_modules" "/out/packages/$dir/"; fi; \
    done \
 && chmod 755 /out/packages/cli/bin/strata.js \
 && cp -a package.json node_modules /out/ \
 && rm -f /out/node_modules/@strata/bench \
 && sqlite=/out/node_modules/better-sqlite3 \
 && mv "$sqlite/build/Release/better_sqlite3.node" /tmp/ \
 && rm -rf "$sqlite/build" "$sqlite/deps" "$sqlite/src" \
 && mkdir -p "$sqlite/build/Release" \
 && mv /tmp/better_sqlite3.node "$sqlite/build/Release/"

# --- runtime: Node, the production tree and the built packages, as an unprivileged user ------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# Inside a container the gateway must listen on all interfaces; its SQLite file (when DATABASE_URL is unset)
# and the agent's tool workspace live in volumes the `node` user owns.
ENV NODE_ENV=production \
    PATH=/app/node_modules/.bin:$PATH \
    STRATA_HOST=0.0.0.0 \
    STRATA_PORT=8080 \
    STRATA_DATA_DIR=/data \
    STRATA_WORKSPACE=/workspace
WORKDIR /app
COPY --from=build /out/ ./
RUN mkdir -p /data /workspace /home/node/.strata \
 && chown node:node /data /workspace /home/node/.strata
USER node
VOLUME ["/data", "/workspace"]
EXPOSE 8080
# The slim image has no curl; Node's fetch does. /healthz is liveness only (see docs/deployment.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.STRATA_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/packages/cli/bin/strata.js"]
CMD ["serve"]
