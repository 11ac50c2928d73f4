import rule from '../../server/src/rules/toolchain-in-final-stage';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'multi-stage Go', code: lines('FROM golang:1.22.5 AS build', 'RUN go build -o /app .', 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /app /app') },
    { name: 'build deps removed in the same RUN', code: lines('FROM python:3.12.4-alpine3.20', 'RUN apk add --virtual .deps gcc musl-dev && pip install uwsgi && make -C x && apk del .deps') },
    { name: 'dev container', code: lines('FROM golang:1.22.5', 'RUN go build ./...'), filePath: '.devcontainer/Dockerfile' },
    { name: 'build environments by design (seen in the corpus: the official full images)', code: lines('FROM buildpack-deps:bookworm', 'RUN ./configure && make && make install') },
    { name: 'no build step', code: lines('FROM golang:1.22.5', 'CMD ["go", "version"]') },
  ],
  invalid: [
    {
      name: 'Go: build stage plus distroless runtime',
      code: lines('FROM golang:1.22.5', 'WORKDIR /src', 'COPY . .', 'ENV CGO_ENABLED=0', 'RUN go build -o server ./cmd/server', 'EXPOSE 8080', 'ENTRYPOINT ["/src/server"]'),
      errors: [
        {
          messageId: 'toolchain',
          line: 1,
          column: 1,
          message: /go build and keeps the golang image/,
          suggestions: [
            {
              output: lines(
                'FROM golang:1.22.5 AS build',
                'WORKDIR /src',
                'COPY . .',
                'ENV CGO_ENABLED=0',
                'RUN go build -o server ./cmd/server',
                '',
                'FROM scratch',
                'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
                'COPY --from=build /src/server /src/server',
                'USER 65532:65532',
                'EXPOSE 8080',
                'ENTRYPOINT ["/src/server"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // scratch has no /etc/passwd: `USER nobody` would not start (found by a real build).
      name: 'Go with a USER given by name: the user database comes along',
      code: lines('FROM golang:1.22.5', 'ENV CGO_ENABLED=0', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .', 'USER nobody', 'ENTRYPOINT ["/out/app"]'),
      errors: [
        {
          messageId: 'toolchain',
          line: 1,
          column: 1,
          suggestions: [
            {
              output: lines(
                'FROM golang:1.22.5 AS build',
                'ENV CGO_ENABLED=0',
                'WORKDIR /src',
                'COPY . .',
                'RUN go build -o /out/app .',
                '',
                'FROM scratch',
                'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
                'COPY --from=build /out/app /out/app',
                'COPY --from=build /etc/passwd /etc/group /etc/',
                'USER nobody',
                'ENTRYPOINT ["/out/app"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Go without CGO_ENABLED=0: the split builds a static binary',
      code: lines('FROM golang:1.22.5-alpine3.20', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .'),
      errors: [
        {
          messageId: 'toolchain',
          line: 1,
          column: 1,
          suggestions: [
            {
              output: lines(
                'FROM golang:1.22.5-alpine3.20 AS build',
                'WORKDIR /src',
                'COPY . .',
                'ENV CGO_ENABLED=0',
                'RUN go build -o /out/app .',
                '',
                'FROM scratch',
                'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
                'COPY --from=build /out/app /out/app',
                'USER 65532:65532',
                'ENTRYPOINT ["/out/app"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Node: production dependencies on the slim image',
      code: lines('FROM node:22.4.1', 'WORKDIR /app', 'ENV NODE_ENV=production', 'COPY . .', 'RUN npm ci && npm run build', 'USER node', 'CMD ["node", "dist/main.js"]'),
      errors: [
        {
          messageId: 'toolchain',
          line: 1,
          column: 1,
          message: /npm run build and keeps the dev dependencies/,
          suggestions: [
            {
              output: lines(
                'FROM node:22.4.1 AS build',
                'WORKDIR /app',
                'ENV NODE_ENV=production',
                'COPY . .',
                'RUN npm ci && npm run build',
                '',
                'FROM build AS production-files',
                'RUN npm prune --omit=dev',
                '',
                'FROM node:22.4.1-slim',
                'WORKDIR /app',
                'ENV NODE_ENV=production',
                'COPY --from=production-files /app /app',
                'USER node',
                'CMD ["node", "dist/main.js"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Java: the JRE of the same exact version, and the jar java -jar runs',
      code: lines('FROM eclipse-temurin:21.0.3_9-jdk-jammy', 'WORKDIR /app', 'COPY . .', 'RUN ./mvnw -B package', 'CMD ["java", "-jar", "target/app.jar"]'),
      errors: [
        {
          messageId: 'toolchain',
          line: 1,
          column: 1,
          suggestions: [
            {
              output: lines(
                'FROM eclipse-temurin:21.0.3_9-jdk-jammy AS build',
                'WORKDIR /app',
                'COPY . .',
                'RUN ./mvnw -B package',
                '',
                'FROM eclipse-temurin:21.0.3_9-jre-jammy',
                'WORKDIR /app',
                'COPY --from=build /app/target/app.jar /app/target/app.jar',
                'CMD ["java", "-jar", "target/app.jar"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Reported, without the split: no .NET image can be built where the build suite runs, so the split is not proven (the docs show its shape).
      name: '.NET SDK as the final image: reported, no split offered',
      code: lines(
        'FROM mcr.microsoft.com/dotnet/sdk:8.0.204',
        'WORKDIR /src',
        'COPY . .',
        'RUN dotnet publish -c Release -o /app/publish',
        'WORKDIR /app/publish',
        'EXPOSE 8080',
        'ENTRYPOINT ["dotnet", "Api.dll"]',
      ),
      errors: [{ messageId: 'toolchain', line: 1, column: 1, suggestions: [] }],
      output: null,
    },
    {
      name: 'compilers installed with the package manager',
      code: lines('FROM python:3.12.4-slim', 'RUN apt-get update && apt-get install -y build-essential && make -C native'),
      errors: [{ messageId: 'toolchain', line: 1, column: 1, message: /keeps build-essential/, suggestions: [] }],
      output: null,
    },
    {
      // Issue 14: a version spec must not hide the package name.
      name: 'compilers installed with a pinned version (build-essential=12.9, gcc=12.2.0-14)',
      code: lines('FROM python:3.12.4-slim', 'RUN apt-get update && apt-get install -y build-essential=12.9 gcc=12.2.0-14 && make -C native'),
      errors: [{ messageId: 'toolchain', line: 1, column: 1, message: /keeps build-essential, gcc/, suggestions: [] }],
      output: null,
    },
    {
      name: 'javac on a JDK image: the JRE split',
      code: lines(
        'FROM eclipse-temurin:17.0.13_11-jdk',
        'WORKDIR /app',
        'COPY src src',
        'RUN javac -d out src/Hello.java && jar --create --file app.jar --main-class Hello -C out .',
        'CMD ["java", "-jar", "/app/app.jar"]',
      ),
      errors: [
        {
          messageId: 'toolchain',
          line: 1,
          column: 1,
          message: /builds with javac and keeps the JDK image/,
          suggestions: [
            {
              title: 'Split into a build stage and a JRE runtime stage',
              output: lines(
                'FROM eclipse-temurin:17.0.13_11-jdk AS build',
                'WORKDIR /app',
                'COPY src src',
                'RUN javac -d out src/Hello.java && jar --create --file app.jar --main-class Hello -C out .',
                '',
                'FROM eclipse-temurin:17.0.13_11-jre',
                'WORKDIR /app',
                'COPY --from=build /app/app.jar /app/app.jar',
                'CMD ["java", "-jar", "/app/app.jar"]',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Maven image as the final image: reported, no mechanical split',
      code: lines('FROM maven:3.9.8-eclipse-temurin-21', 'COPY . .', 'RUN mvn -B package', 'CMD ["java", "-jar", "target/app.jar"]'),
      errors: [{ messageId: 'toolchain', line: 1, column: 1, suggestions: [] }],
      output: null,
    },
  ],
});
