# The API and the admin app in one image. Runs TypeScript through @swc-node/register,
# exactly as `npm start` does.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/admin/package.json apps/admin/
COPY libs/contracts/package.json libs/contracts/
COPY libs/scheduling/package.json libs/scheduling/
COPY libs/policies/package.json libs/policies/
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build:admin
ENV PORT=3000 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "-r", "@swc-node/register", "apps/api/src/main.ts"]
