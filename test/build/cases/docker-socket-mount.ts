import assert from 'node:assert/strict';
import type { CaseContext, RuleCases } from '../buildCase';
import { sameFiles } from '../compare';

/** The suggestion removed the socket and nothing else: the image's command still says the same. */
async function sameCommand({ before, after }: CaseContext): Promise<void> {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
}

/**
 * The image's file tree is the same: a VOLUME's folder is made when a container starts, not in
 * a layer (a command that lists / in a container still sees the difference).
 */
async function sameTree({ before, after }: CaseContext): Promise<void> {
  sameFiles(await before.files(), await after.files(), []);
}

/** The step that had the socket mounted still ran (its output file is there) and mounts nothing now. */
async function stepRanWithoutSocket({ after, fixed }: CaseContext, output: string, expected: string): Promise<void> {
  assert.doesNotMatch(fixed, /docker\.sock/, 'the fixed Dockerfile still names the socket');
  const read = await after.exec(['cat', output]);
  assert.equal(read.code, 0, read.stderr);
  assert.equal(read.stdout.trim(), expected);
}

// Suggestions: the image no longer declares, expects or mounts the socket, and still works.
const cases: RuleCases = {
  rule: 'docker-socket-mount',
  cases: [
    {
      name: 'VOLUME of the socket alone, in an image whose script checks for it',
      dockerfile: ['FROM busybox:1.36', 'COPY agent.sh /usr/local/bin/agent.sh', 'VOLUME /var/run/docker.sock', 'CMD ["sh", "/usr/local/bin/agent.sh"]', ''].join('\n'),
      files: { 'agent.sh': 'if [ -S /var/run/docker.sock ]; then echo "docker: yes"; else echo "docker: no"; fi\n' },
      fix: /Remove the Docker socket VOLUME/,
      behaviour: async (context) => {
        assert.deepEqual(context.before.config.Volumes, ['/var/run/docker.sock']);
        assert.deepEqual(context.after.config.Volumes, []);
        await sameTree(context);
        await sameCommand(context);
      },
    },
    {
      name: 'the socket among other volumes',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /data /logs && echo seed > /data/seed\nVOLUME /data /var/run/docker.sock /logs\nCMD ["ls", "/data", "/logs"]\n',
      fix: /Remove \/var\/run\/docker\.sock from VOLUME/,
      behaviour: async (context) => {
        assert.deepEqual(context.after.config.Volumes, ['/data', '/logs']);
        await sameTree(context);
        await sameCommand(context);
      },
    },
    {
      name: 'JSON-form VOLUME of /run/docker.sock in a parent stage',
      dockerfile: ['FROM busybox:1.36 AS base', 'VOLUME ["/run/docker.sock"]', 'FROM base', 'WORKDIR /srv', 'CMD ["pwd"]', ''].join('\n'),
      fix: /Remove the Docker socket VOLUME/,
      behaviour: async (context) => {
        assert.deepEqual(context.after.config.Volumes, []);
        await sameTree(context);
        await sameCommand(context);
      },
    },
    {
      name: 'a RUN that binds the socket into a set -eux step',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock set -eux; \\',
        '    mkdir -p /opt/app; \\',
        '    echo built > /opt/app/stamp;',
        'CMD ["cat", "/opt/app/stamp"]',
        '',
      ].join('\n'),
      fix: /Remove the Docker socket mount from this RUN/,
      behaviour: async (context) => {
        await stepRanWithoutSocket(context, '/opt/app/stamp', 'built');
        await sameCommand(context);
      },
    },
    {
      name: 'a socket bind beside a cache mount, after a USER switch',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN useradd --system --uid 10001 builder && mkdir /out && chown builder /out',
        'USER builder',
        'RUN --mount=type=cache,target=/tmp/cache,uid=10001 --mount=type=bind,src=/var/run/docker.sock,dst=/var/run/docker.sock \\',
        '    # the socket was meant for a "docker build" that never ran here',
        '    echo "$(id -u)" > /out/uid',
        'CMD ["cat", "/out/uid"]',
        '',
      ].join('\n'),
      fix: /Remove the Docker socket mount from this RUN/,
      behaviour: async (context) => {
        assert.match(context.fixed, /--mount=type=cache,target=\/tmp\/cache,uid=10001 \\\n/, 'the cache mount was kept');
        await stepRanWithoutSocket(context, '/out/uid', '10001');
        await sameCommand(context);
      },
    },
    {
      name: 'ENV DOCKER_HOST pointing at the socket',
      dockerfile: 'FROM busybox:1.36\nENV DOCKER_HOST=unix:///var/run/docker.sock\nENV APP_MODE=worker\nCMD ["sh", "-c", "echo mode=$APP_MODE"]\n',
      fix: /Remove ENV DOCKER_HOST/,
      behaviour: async (context) => {
        assert.ok(context.before.config.Env.some((e) => e.startsWith('DOCKER_HOST=')));
        assert.ok(!context.after.config.Env.some((e) => e.startsWith('DOCKER_HOST=')), 'DOCKER_HOST is still set');
        assert.ok(context.after.config.Env.includes('APP_MODE=worker'));
        await sameCommand(context);
      },
    },
  ],
};
export default cases;
