import type { RuleCases } from '../buildCase';
import { pythonPackage } from '../projects';

const PIP_LOCAL = '--no-index --no-build-isolation';

// The clean-up removes apt's lists, and --no-cache-dir keeps pip's cache out (package caches):
// the image must be the same otherwise.
const cases: RuleCases = {
  rule: 'package-cache-left',
  cases: [
    {
      name: 'update and install in one chain',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq\nCMD ["jq", "--version"]\n',
      fix: 'safe',
    },
    {
      name: 'set -eux chain whose last command ends in ";"',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN set -eux; \\',
        '    apt-get update; \\',
        '    apt-get install -y --no-install-recommends jq; \\',
        '    jq --version;',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      name: 'comment lines inside the continuation',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN apt-get update \\',
        '    # jq is what the entrypoint uses',
        '    && apt-get install -y --no-install-recommends jq \\',
        '    # and make sure it runs',
        '    && jq --version',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      name: 'a chain that ends in "|| true"',
      dockerfile: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq || true\nCMD ["jq", "--version"]\n',
      fix: 'safe',
    },
    {
      name: 'two stages, the final one installs after a USER switch back to root',
      dockerfile: [
        'FROM debian:12-slim AS tools',
        'RUN apt-get update && apt-get install -y --no-install-recommends file',
        'FROM debian:12-slim',
        'COPY --from=tools /usr/bin/file /usr/local/bin/file-copy',
        'USER root',
        'RUN apt-get update \\',
        '    && apt-get install -y --no-install-recommends jq',
        'CMD ["jq", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      // Both RUNs fetch lists and both are cleaned (an install from an earlier RUN's lists is
      // reported without a fix: removing them later saves nothing, earlier breaks the install).
      name: 'two RUNs, each with its own update',
      dockerfile: [
        'FROM debian:12-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends jq',
        'RUN apt-get update && apt-get install -y --no-install-recommends file',
        'CMD ["file", "--version"]',
        '',
      ].join('\n'),
      fix: 'safe',
    },
    {
      name: 'pip install of a local package',
      dockerfile: `FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install ${PIP_LOCAL} ./greet\nCMD ["python", "-m", "greet"]\n`,
      files: pythonPackage(),
      fix: 'safe',
      // COPY . . puts the Dockerfile, which the fix edits, in the image.
      intentPaths: ['/app/Dockerfile'],
    },
    {
      name: 'python3 -m pip install: --no-cache-dir goes after install',
      dockerfile: `FROM python:3.11-slim\nWORKDIR /app\nCOPY greet greet\nRUN python3 -m pip install ${PIP_LOCAL} ./greet\nCMD ["python", "-m", "greet"]\n`,
      files: pythonPackage(),
      fix: 'safe',
    },
    {
      name: 'pip3 in a set -eux chain whose last command ends in ";"',
      dockerfile: [
        'FROM python:3.11-slim',
        'WORKDIR /app',
        'COPY greet greet',
        'RUN set -eux; \\',
        `    pip3 install ${PIP_LOCAL} ./greet; \\`,
        '    python3 -m greet > /app/smoke.txt;',
        'CMD ["cat", "/app/smoke.txt"]',
        '',
      ].join('\n'),
      files: pythonPackage(),
      fix: 'safe',
    },
    {
      name: 'two pip installs in one RUN, one from a requirements file, a comment between them',
      dockerfile: [
        'FROM python:3.11-slim',
        'WORKDIR /app',
        'COPY . .',
        `RUN pip install ${PIP_LOCAL} -r requirements.txt \\`,
        '    # the plugin is optional, but the image ships it',
        `    && pip install ${PIP_LOCAL} ./plugins/hello`,
        'CMD ["python", "-c", "import greet, hello; print(greet.GREETING, hello.GREETING)"]',
        '',
      ].join('\n'),
      files: {
        ...pythonPackage(),
        'requirements.txt': '# local packages only: no index is reachable\n./greet\n',
        'plugins/hello/pyproject.toml': '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "hello"\nversion = "0.2"\n',
        'plugins/hello/hello/__init__.py': 'GREETING = "hello plugin 0.2"\n',
      },
      fix: 'safe',
      intentPaths: ['/app/Dockerfile'],
    },
    {
      name: 'a wheel built in a builder stage, installed after a USER switch back to root',
      dockerfile: [
        'FROM python:3.11-slim AS build',
        'WORKDIR /src',
        'COPY greet greet',
        `RUN pip wheel --no-deps ${PIP_LOCAL} -w /wheels ./greet`,
        'FROM python:3.11-slim',
        'COPY --from=build /wheels /wheels',
        'USER nobody',
        'RUN python3 --version',
        'USER root',
        'RUN pip install --no-index /wheels/*.whl && rm -rf /wheels',
        'CMD ["python", "-m", "greet"]',
        '',
      ].join('\n'),
      files: pythonPackage(),
      fix: 'safe',
    },
    {
      name: 'pip install that ends in "|| true"',
      dockerfile: `FROM python:3.11-slim\nCOPY greet /opt/greet\nRUN pip install ${PIP_LOCAL} /opt/greet || true\nCMD ["python3", "-m", "greet"]\n`,
      files: pythonPackage(),
      fix: 'safe',
    },
  ],
};
export default cases;
