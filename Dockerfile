# syntax=docker/dockerfile:1
# Leeway: one image serving the API and the built SPA on port 3000.
#   docker build -t leeway .
#   docker run -p 3000:3000 -e JWT_SECRET="$(openssl rand -base64 48)" \
#     -e DATABASE_URL=postgres://user:password@host:5432/leeway leeway
# Without DATABASE_URL it keeps an embedded database (PGlite) in /data: mount a volume there.
# docker-compose.yml runs it with PostgreSQL.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: every dependency, then the web build ----
FROM ${NODE_IMAGE} AS build
ENV CI=true
RUN npm i -g pnpm@10.34.9
WORKDIR /app
# Fetch every package of the lockfile into pnpm's store first: this layer is reused until the
# lockfile changes, whatever else changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
COPY patches ./patches
RUN pnpm fetch --frozen-lockfile
COPY . .
RUN pnpm install --frozen-lockfile --offline
RUN pnpm build

# ---- production dependencies of the API only, installed from the same store ----
# A fresh install, not a prune: pruning keeps the dev tools in node_modules/.pnpm. The API runs
# TypeScript through tsx, a dependency of @leeway/api, linked at the top so that
# `node --import tsx` resolves from /app.
RUN mkdir /prod \
 && cp -r package.json pnpm-lock.yaml pnpm-workspace.yaml patches tsconfig.base.json /prod/ \
 && find . -name package.json -not -path '*/node_modules/*' -not -path './package.json' \
      -exec cp --parents {} /prod/ \; \
 && cd /prod \
 && pnpm --filter '@leeway/api...' install --frozen-lockfile --offline --prod \
 && cd /app \
 && tar -cf - --exclude=node_modules --exclude=test apps/api packages | tar -xf - -C /prod \
 && mkdir -p /prod/apps/web && cp -r apps/web/dist /prod/apps/web/dist \
 && rm -rf /prod/e2e \
 && ln -sfn ../apps/api/node_modules/tsx /prod/node_modules/tsx \
 && cd /prod && node -e "import('tsx').then(() => console.log('tsx resolves from the app root'))"

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# The application's files belong to root: the server's user can read them, not change them.
COPY --from=build /prod /app
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "apps/api/src/server.ts"]
