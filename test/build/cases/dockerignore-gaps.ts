import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';

// The created .dockerignore keeps the secrets and the repository out, and the app still builds.
const cases: RuleCases = {
  rule: 'dockerignore-gaps',
  cases: [
    {
      name: 'COPY . . with a .env and a .git folder',
      dockerfile: 'FROM busybox:1.36\nWORKDIR /app\nCOPY . .\nCMD ["cat", "/app/main.sh"]\n',
      files: { 'main.sh': 'echo app\n', '.env': 'DB_PASSWORD=hunter2-not-real\n', '.git/HEAD': 'ref: refs/heads/main\n' },
      fix: /Create a .dockerignore/,
      behaviour: async ({ before, after }) => {
        assert.equal((await before.exec(['test', '-e', '/app/.env'])).code, 0, 'the case should copy .env before the fix');
        assert.notEqual((await after.exec(['test', '-e', '/app/.env'])).code, 0, '.env is still in the image');
        assert.notEqual((await after.exec(['test', '-e', '/app/.git'])).code, 0, '.git is still in the image');
        assert.equal((await after.command()).stdout, 'echo app\n');
      },
    },
    {
      name: 'node_modules and an .env.example that must stay',
      dockerfile: 'FROM busybox:1.36\nCOPY . /srv\nCMD ["sh", "-c", "ls -A /srv | sort"]\n',
      files: { 'index.js': '1\n', '.env.example': 'PORT=\n', '.env': 'TOKEN=abc\n', 'node_modules/x/index.js': '1\n' },
      fix: /Create a .dockerignore/,
      behaviour: async ({ after }) => {
        assert.equal((await after.command()).stdout, '.dockerignore\n.env.example\nDockerfile\nindex.js\n');
      },
    },
    {
      name: 'ADD . with an SSH key folder and .env.local',
      dockerfile: 'FROM busybox:1.36\nADD . /opt/site\nCMD ["ls", "/opt/site"]\n',
      files: { 'index.html': '<p>x</p>\n', '.env.local': 'KEY=1\n', '.git/config': '[core]\n' },
      fix: /(Create|Add)/,
      behaviour: async ({ after }) => {
        assert.notEqual((await after.exec(['test', '-e', '/opt/site/.env.local'])).code, 0, '.env.local is still in the image');
        assert.notEqual((await after.exec(['test', '-e', '/opt/site/.git'])).code, 0, '.git is still in the image');
        assert.equal((await after.exec(['test', '-e', '/opt/site/index.html'])).code, 0, 'the site is gone');
      },
    },
    {
      name: 'an existing .dockerignore that lets .npmrc and node_modules through',
      dockerfile: 'FROM busybox:1.36\nWORKDIR /app\nCOPY . ./\nCMD ["sh", "-c", "ls -A /app | sort"]\n',
      files: { '.dockerignore': '# build output\ndist', 'index.js': '1\n', '.npmrc': '//registry.example.com/:_authToken=not-real\n', 'node_modules/left-pad/index.js': '1\n', 'dist/app.js': '1\n' },
      fix: /Add .*\.npmrc.* to \.dockerignore/,
      behaviour: async ({ after }) => {
        // The file had no final newline: the added lines must not run into "dist".
        assert.equal((await after.command()).stdout, '.dockerignore\nDockerfile\nindex.js\n');
      },
    },
    {
      name: 'a monorepo service whose COPY . . sits in a build stage',
      dockerfile: [
        'FROM busybox:1.36 AS build',
        'WORKDIR /src',
        'COPY . .',
        'RUN sh build.sh > /out.txt',
        'FROM busybox:1.36',
        'COPY --from=build /out.txt /srv/out.txt',
        'COPY --from=build /src /srv/src',
        'CMD ["sh", "-c", "cat /srv/out.txt; ls -A /srv/src | sort"]',
        '',
      ].join('\n'),
      files: { 'build.sh': 'echo built\n', '.env.production': 'SECRET_KEY=not-real\n', '.git/HEAD': 'ref: refs/heads/main\n' },
      fix: /Create a .dockerignore/,
      behaviour: async ({ before, after }) => {
        assert.match((await before.command()).stdout, /\.env\.production/, 'the case should copy the secret before the fix');
        assert.equal((await after.command()).stdout, 'built\n.dockerignore\nDockerfile\nbuild.sh\n');
      },
    },
  ],
};
export default cases;
