# blastpath as a container image, for CI runners without Node (docs/ci.md, "Container image").
# Stage 1 builds and packs the checkout exactly as `npm pack` would for the registry; stage 2
# installs that tarball, so the image holds what a user of the published package gets.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && npm pack --pack-destination /tmp && mv /tmp/blastpath-*.tgz /tmp/blastpath.tgz

FROM node:20-bookworm-slim
COPY --from=build /tmp/blastpath.tgz /tmp/blastpath.tgz
RUN npm install --global --no-audit --no-fund /tmp/blastpath.tgz && rm /tmp/blastpath.tgz && npm cache clean --force
USER node
WORKDIR /work
ENTRYPOINT ["blastpath"]
CMD ["--help"]
