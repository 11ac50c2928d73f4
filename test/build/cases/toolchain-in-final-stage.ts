import assert from 'node:assert/strict';
import type { CaseContext, RuleCases } from '../buildCase';
import { goProject, nodeProject } from '../projects';

// Prints its version and whether HTTPS would find the CA bundle (the split must keep it).
const GO_MAIN = [
  'package main',
  '',
  'import (',
  '\t"fmt"',
  '\t"os"',
  ')',
  '',
  'var version = "dev"',
  '',
  'func main() {',
  '\t_, err := os.Stat("/etc/ssl/certs/ca-certificates.crt")',
  '\tuser := os.Getuid()',
  '\tfmt.Printf("server %s, CA bundle present: %v, root: %v\\n", version, err == nil, user == 0)',
  '}',
  '',
].join('\n');

/** The program still runs the same way, and the toolchain is gone from the final image. */
async function sameProgramWithoutToolchain({ before, after }: CaseContext, toolchainPath: string): Promise<void> {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(was.code, 0, was.stderr);
  assert.equal(is.code, 0, is.stderr);
  // The split adds a non-root user where there was none: only that part of the output may change.
  assert.equal(is.stdout.replace(/root: (true|false)/, ''), was.stdout.replace(/root: (true|false)/, ''));
  assert.match(is.stdout, /root: false/, 'the runtime stage runs as root');
  const [files, baseFiles] = [await after.files(), await before.files()];
  assert.ok(
    [...baseFiles.keys()].some((p) => p.startsWith(toolchainPath)),
    `the original has no ${toolchainPath}: the case proves nothing`,
  );
  assert.ok(![...files.keys()].some((p) => p.startsWith(toolchainPath)), `the final image still has ${toolchainPath}`);
  assert.ok(files.size < baseFiles.size / 2, `the final image keeps ${files.size} of ${baseFiles.size} paths`);
}

/** The Node split: same output, on the slim image, without the dev dependency. */
async function slimWithoutDevDependencies(context: CaseContext, workdir: string): Promise<void> {
  const [was, is] = [await context.before.command(), await context.after.command()];
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  assert.equal((await context.after.exec(['sh', '-c', 'command -v ps || echo no-procps'])).stdout.trim(), 'no-procps', 'the runtime is not the slim image');
  const [files, before] = [await context.after.files(), await context.before.files()];
  assert.ok(before.has(`${workdir}/node_modules/bundler`), 'the original has no dev dependency: the case proves nothing');
  assert.ok(!files.has(`${workdir}/node_modules/bundler`), 'the dev dependency ships in the runtime image');
}

/** A Java program whose output says which Java runs it and with which arguments. */
const HELLO_JAVA = [
  'public class Hello {',
  '    public static void main(String[] args) {',
  '        System.out.println("hello from java " + Runtime.version().feature() + ", args: " + String.join(" ", args));',
  '    }',
  '}',
  '',
].join('\n');

/**
 * The JRE split: the same output from the jar, on an image without the JDK's tools. (Debian's
 * JRE, which the stand-in uses, keeps the compiler module that Temurin's JRE leaves out, so the
 * check is for the tools, javac and jar, as a shell in the image finds them.)
 */
async function sameJarOnJre({ before, after }: CaseContext): Promise<void> {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(was.code, 0, was.stderr);
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  const tools = 'for tool in javac jar; do command -v $tool > /dev/null && echo $tool; done; true';
  assert.equal((await before.exec(['sh', '-c', tools])).stdout, 'javac\njar\n', 'the original has no JDK tools: the case proves nothing');
  assert.equal((await after.exec(['sh', '-c', tools])).stdout, '', 'the runtime image still has JDK tools');
}

// The split into a build stage and a runtime stage must leave a program that runs as before.
const cases: RuleCases = {
  rule: 'toolchain-in-final-stage',
  cases: [
    {
      name: 'go build to an absolute path, exec-form ENTRYPOINT',
      dockerfile: 'FROM golang:1.19\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN go build -o /out/server .\nENTRYPOINT ["/out/server"]\n',
      files: goProject(GO_MAIN),
      fix: /Split into a build stage and a scratch runtime stage/,
      behaviour: (context) => sameProgramWithoutToolchain(context, '/usr/lib/go'),
    },
    {
      name: 'set -eux chain with go vet and a relative output, EXPOSE and CMD',
      dockerfile: [
        'FROM golang:1.19-bookworm',
        'WORKDIR /app',
        'COPY . .',
        'RUN set -eux; \\',
        '    go vet ./...; \\',
        '    go build -ldflags "-X main.version=1.4.2" -o server .;',
        'EXPOSE 8080',
        'CMD ["/app/server"]',
        '',
      ].join('\n'),
      files: goProject(GO_MAIN),
      fix: /Split into a build stage and a scratch runtime stage/,
      behaviour: async (context) => {
        await sameProgramWithoutToolchain(context, '/usr/lib/go');
        assert.deepEqual(context.after.config.ExposedPorts, ['8080/tcp']);
      },
    },
    {
      name: 'a build argument in -ldflags, CGO already off, a named USER',
      dockerfile: [
        'FROM golang:1.19 AS app',
        'ARG VERSION=2.0.0',
        'ENV CGO_ENABLED=0',
        'WORKDIR /build',
        'COPY go.mod main.go ./',
        '# The version is stamped into the binary.',
        'RUN go mod download && \\',
        '    go build -ldflags "-X main.version=${VERSION}" -o /usr/local/bin/server .',
        'USER nobody',
        'ENTRYPOINT ["/usr/local/bin/server"]',
        '',
      ].join('\n'),
      files: goProject(GO_MAIN),
      fix: /Split into a build stage and a scratch runtime stage/,
      behaviour: (context) => sameProgramWithoutToolchain(context, '/usr/lib/go'),
    },
    {
      name: 'npm ci, then npm run build with a local dev dependency',
      dockerfile: 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/server.js"]\n',
      files: nodeProject({ build: true }),
      fix: /Split into a build stage and a slim runtime stage/,
      behaviour: (context) => slimWithoutDevDependencies(context, '/app'),
    },
    {
      name: 'npm run build in a set -eux chain, ENV and EXPOSE kept for the runtime',
      dockerfile: [
        'FROM node:20-bookworm',
        'ENV NODE_ENV=production PORT=3000',
        'WORKDIR /srv/web',
        'COPY . .',
        'RUN set -eux; \\',
        '    npm ci --include=dev; \\',
        '    npm run build; \\',
        '    npm cache clean --force;',
        'EXPOSE 3000',
        'CMD ["node", "dist/server.js"]',
        '',
      ].join('\n'),
      files: nodeProject({ build: true }),
      fix: /Split into a build stage and a slim runtime stage/,
      behaviour: async (context) => {
        await slimWithoutDevDependencies(context, '/srv/web');
        assert.ok(context.after.config.Env?.includes('NODE_ENV=production'), 'the runtime lost NODE_ENV');
      },
    },
    {
      name: 'javac and jar on the JDK image, java -jar as the command',
      dockerfile: [
        'FROM eclipse-temurin:17.0.13_11-jdk',
        'WORKDIR /app',
        'COPY src src',
        'RUN javac -d out src/Hello.java && jar --create --file app.jar --main-class Hello -C out .',
        'CMD ["java", "-jar", "/app/app.jar"]',
        '',
      ].join('\n'),
      files: { 'src/Hello.java': HELLO_JAVA },
      fix: /Split into a build stage and a JRE runtime stage/,
      behaviour: sameJarOnJre,
    },
    {
      name: 'a set -eux build with a relative jar, ENTRYPOINT and CMD arguments, EXPOSE and a named stage',
      dockerfile: [
        'FROM eclipse-temurin:17.0.13_11-jdk AS app',
        'WORKDIR /opt/service',
        'COPY src/Hello.java src/',
        'RUN set -eux; \\',
        '    mkdir -p classes; \\',
        '    javac -d classes src/Hello.java; \\',
        '    jar --create --file service.jar --main-class Hello -C classes .;',
        'EXPOSE 8080',
        'ENTRYPOINT ["java", "-jar", "service.jar"]',
        'CMD ["--port", "8080"]',
        '',
      ].join('\n'),
      files: { 'src/Hello.java': HELLO_JAVA },
      fix: /Split into a build stage and a JRE runtime stage/,
      behaviour: async (context) => {
        await sameJarOnJre(context);
        assert.deepEqual(context.after.config.ExposedPorts, ['8080/tcp']);
        assert.deepEqual(context.after.config.Cmd, ['--port', '8080']);
      },
    },
  ],
};
export default cases;
