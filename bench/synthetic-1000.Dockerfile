# syntax=docker/dockerfile:1
ARG NODE=22.4.1
FROM node:${NODE}-slim AS stage0
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage1
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage2
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage3
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage4
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage5
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage6
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage7
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage8
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage9
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage10
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage11
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage12
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage13
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage14
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage15
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage16
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage17
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage18
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage19
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage20
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage21
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage22
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage23
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage24
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage25
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage26
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage27
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage28
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage29
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage30
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage31
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage32
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage33
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage34
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage35
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage36
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage37
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage38
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage39
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage40
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage41
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage42
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage43
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage44
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage45
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage46
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage47
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage48
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage49
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage50
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage51
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage52
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage53
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage54
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage55
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage56
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage57
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage58
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage59
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage60
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage61
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage62
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage63
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage64
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage65
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage66
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage67
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage68
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage69
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage70
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build && chmod 755 dist
EXPOSE 3000
USER node
HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/main.js"]
FROM node:${NODE}-slim AS stage71
WORKDIR /app
ENV NODE_ENV=production PORT=3000
RUN apt-get update \
