import rule from '../../server/src/rules/pin-packages';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'pinned go modules, local go run, git URLs with a ref',
      code: lines(
        'FROM golang:1.22.5',
        'RUN go install golang.org/x/tools/cmd/goimports@v0.24.0 && go run ./cmd/gen',
        'RUN pip install git+https://github.com/example-org/tooling.git@v1.2.0#egg=tooling',
        'RUN npm install -g git+https://github.com/example-org/widget.git#v2.0.0',
      ),
    },
    {
      name: "a debug-only branch a build without build arguments skips (tubearchivist's INSTALL_DEBUG)",
      code: lines(
        'FROM python:3.12.4-slim',
        'ARG INSTALL_DEBUG',
        'RUN if [ "$INSTALL_DEBUG" ] ; then apt-get -y update && apt-get -y install vim && pip install ipython pytest ; fi',
        'CMD ["python"]',
      ),
    },
    {
      name: 'pinned versions',
      code: lines(
        'FROM a:1.0.0',
        'RUN apt-get install -y curl=8.5.0-2 && apk add git=2.45.2-r0 && pip install flask==3.0.3 && npm install -g pm2@5.4.0 && gem install rails -v 7.1.3 && go install golang.org/x/tools/gopls@v0.16.0',
      ),
    },
    { name: 'files, requirements, variables', code: lines('FROM a:1.0.0', 'RUN pip install -r requirements.txt . ./wheels/x.whl && apt-get install -y ./pkg.deb && apt-get install -y $PACKAGES') },
    { name: 'npm ci', code: lines('FROM node:22.4.1', 'RUN npm ci') },
    // Distribution packages are pin-os-packages' (off by default).
    { name: 'apt and apk packages belong to pin-os-packages', code: lines('FROM debian:12.5', 'RUN apt-get install -y curl && apk add git') },
    // A local .gem file fetched with its version and checked before (discourse_docker).
    { name: 'gem install --local of a .gem file', code: lines('FROM ruby:3.3.4', 'RUN gem install --local pups-1.4.0.gem') },
    // The packaging tools themselves are upgraded, with or without a range, as the corpus does.
    { name: 'pip: a range on pip, setuptools or wheel is not reported', code: lines('FROM python:3.12.4', 'RUN pip install --upgrade "pip>=24" "wheel<0.46" setuptools flask==3.0.3') },
  ],
  invalid: [
    {
      name: 'the same unpinned package installed twice in one RUN (once per Python version): one finding',
      code: lines('FROM python:3.12.8', 'RUN python3.11 -m pip install virtualenv && python3.12 -m pip install virtualenv'),
      errors: [{ messageId: 'unpinned', line: 2, column: 5 }],
      output: null,
    },
    {
      // hadolint's DL3062, DL3013 and DL3028 shapes.
      name: 'go install/get/run at a moving version, pipx, a git URL with no ref, gem i',
      code: lines(
        'FROM golang:1.22.5',
        'RUN go install golang.org/x/tools/cmd/goimports@latest',
        'RUN go get github.com/example-org/kit',
        'RUN go run example.org/codegen@latest',
        'RUN pipx install ruff',
        'RUN pip install git+https://github.com/example-org/tooling.git#egg=tooling',
        'RUN gem i rails:7.1.3 nokogiri',
      ),
      errors: [
        { messageId: 'unpinned', line: 2, column: 5, message: /go install/ },
        { messageId: 'unpinned', line: 3, column: 5, message: /go get/ },
        { messageId: 'unpinned', line: 4, column: 5, message: /go run/ },
        { messageId: 'unpinned', line: 5, column: 5, message: /pipx/ },
        { messageId: 'unpinned', line: 6, column: 5 },
        { messageId: 'unpinned', line: 7, column: 5, message: /nokogiri/ },
      ],
      output: null,
    },
    {
      name: 'python -m pip is pip (options before -m too)',
      code: lines('FROM python:3.12.4-slim', 'RUN python3 -m pip install flask && python -u -m pip3 install celery==5.4.0 requests'),
      errors: [
        { messageId: 'unpinned', line: 2, column: 5, message: /flask without an exact version/ },
        { messageId: 'unpinned', line: 2, column: 37, message: /requests without an exact version/ },
      ],
      output: null,
    },
    {
      name: 'pip',
      code: lines('FROM python:3.12.4', 'RUN pip install flask "gunicorn>=21"'),
      errors: [{ messageId: 'unpinned', line: 2, column: 5, message: /flask, gunicorn>=21 without an exact version/ }],
      output: null,
    },
    {
      name: 'many packages are summarised',
      code: lines('FROM python:3.12.4', 'RUN pip install a b c d e'),
      errors: [{ messageId: 'unpinned', line: 2, column: 5, message: /a, b, c and 2 more/ }],
      output: null,
    },
    {
      name: 'npm install without packages: use npm ci',
      code: lines('FROM node:22.4.1', 'RUN npm install'),
      errors: [{ messageId: 'npmInstall', line: 2, column: 5, suggestions: [{ output: lines('FROM node:22.4.1', 'RUN npm ci') }] }],
      output: null,
    },
    {
      name: 'npm install in a context with a lockfile: use npm ci',
      code: lines('FROM node:22.4.1', 'COPY package.json package-lock.json ./', 'RUN npm install'),
      buildContext: { root: '/repo', entries: ['Dockerfile', 'package.json', 'package-lock.json'], ignoreFile: null },
      errors: [{ messageId: 'npmInstall', line: 3, column: 5, suggestions: [{ output: lines('FROM node:22.4.1', 'COPY package.json package-lock.json ./', 'RUN npm ci') }] }],
      output: null,
    },
    {
      // Mailu's admin assets: package.json alone, where npm ci would fail the build.
      name: 'npm install in a context with no lockfile: no npm ci, it says what is missing',
      code: lines('FROM node:22.4.1', 'COPY package.json ./', 'RUN npm install --no-audit --no-fund'),
      buildContext: { root: '/repo', entries: ['Dockerfile', 'package.json', 'assets'], ignoreFile: null },
      errors: [{ messageId: 'npmNoLockfile', line: 3, column: 5, message: /no package-lock\.json in the build context/, suggestions: [] }],
      output: null,
    },
    { name: 'global npm package', code: lines('FROM node:22.4.1', 'RUN npm install -g typescript'), errors: [{ messageId: 'unpinned', line: 2, column: 5 }], output: null },
  ],
});
