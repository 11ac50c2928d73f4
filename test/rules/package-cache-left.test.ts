import rule from '../../server/src/rules/package-cache-left';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: "zypper's short cc after the install", code: lines('FROM opensuse/leap:15.6', 'RUN zypper install -y nginx=1.21.5 && zypper cc') },
    { name: 'PIP_NO_CACHE_DIR given for the one command', code: lines('FROM python:3.12.8', 'RUN PIP_NO_CACHE_DIR=yes pip install requests==2.32.3') },
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
      name: "the whole .cache folder removed in the same RUN (FlareSolverr's rm -rf /root/.cache)",
      code: lines('FROM python:3.12.4-slim', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt \\', '    # Remove temporary files', '    && rm -rf /root/.cache', 'CMD ["python"]'),
    },
    { name: 'apt lists removed', code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*') },
    // Found on real repositories (discourse_docker, healthchecks): a tmpfs over the lists, the
    // whole apt folder removed, pip's --no-cache prefix, and an install from an earlier layer's lists.
    { name: 'a tmpfs mount over /var/lib/apt', code: lines('FROM debian:12.5', 'RUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y curl') },
    { name: 'rm -rf /var/lib/apt', code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/cache/apt /var/lib/apt') },
    { name: 'pip --no-cache (a prefix pip accepts for --no-cache-dir)', code: lines('FROM python:3.12.4', 'RUN pip install --no-cache /wheels/*') },
    {
      name: 'apk --no-cache, pip --no-cache-dir, dnf clean',
      code: lines('FROM a:1.0.0', 'RUN apk add --no-cache curl', 'RUN pip install --no-cache-dir flask', 'RUN dnf install -y x && dnf clean all'),
    },
    {
      name: 'cache mounts',
      code: lines(
        'FROM a:1.0.0',
        'RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y x',
        'RUN --mount=type=cache,target=/root/.cache/pip pip install flask',
      ),
    },
    { name: 'PIP_NO_CACHE_DIR', code: lines('FROM python:3.12.4', 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install flask') },
    { name: 'builder stages do not ship', code: lines('FROM debian:12.5 AS build', 'RUN apt-get update && apt-get install -y gcc', 'FROM debian:12.5', 'COPY --from=build /out /out') },
    { name: 'apt-get dist-clean (seen in the corpus)', code: lines('FROM debian:12.5', 'RUN apt-get update; apt-get install -y gnupg; apt-get dist-clean') },
    { name: 'dev container', code: lines('FROM python:3.12.4', 'RUN pip install pylint'), filePath: '.devcontainer/Dockerfile' },
    { name: 'apk virtual package removed', code: lines('FROM alpine:3.20.1', 'RUN apk add --virtual .deps gcc && make && apk del .deps') },
  ],
  invalid: [
    {
      // trivy's DS015/DS019/DS027: a clean that runs before the install cleans nothing it leaves.
      name: 'yum, dnf and microdnf: a clean before the install, or a second install after the clean',
      code: lines(
        'FROM rockylinux:9.3',
        'RUN yum clean all && yum -y install tree',
        'RUN dnf install -y tree && dnf clean all && dnf install -y lsof',
        'RUN yum -y install tree && yum clean metadata',
      ),
      errors: [
        { messageId: 'rpm', line: 2, column: 22 },
        { messageId: 'rpm', line: 3, column: 45 },
        { messageId: 'rpm', line: 4, column: 5 },
      ],
      output: null,
    },
    {
      name: 'zypper patch and remove refresh its cache too; dnf upgrade',
      code: lines('FROM opensuse/leap:15.6', 'RUN zypper patch -y', 'RUN zypper cc && zypper remove -y vim', 'RUN dnf -y upgrade'),
      errors: [
        { messageId: 'zypper', line: 2, column: 5 },
        { messageId: 'zypper', line: 3, column: 18 },
        { messageId: 'rpm', line: 4, column: 5 },
      ],
      output: null,
    },
    {
      name: 'python -m pip keeps its cache too; the fix goes after install',
      code: lines('FROM python:3.12.4-slim', 'RUN python3 -m pip install flask==3.0.3'),
      errors: [{ messageId: 'pip', line: 2, column: 5 }],
      output: lines('FROM python:3.12.4-slim', 'RUN python3 -m pip install --no-cache-dir flask==3.0.3'),
    },
    {
      // The later RUN's rm leaves the lists in the earlier layer, which still ships.
      name: 'a later RUN installs from these lists and removes them: they stay in the earlier layer',
      code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl', 'RUN apt-get install -y git && rm -rf /var/lib/apt/lists/*'),
      errors: [{ messageId: 'aptShared', line: 2, column: 23 }],
      output: null,
    },
    {
      name: 'a script ending in ";" (set -eux chains): the ";" goes, no "; &&"',
      code: lines('FROM debian:12.5', 'RUN set -eux; \\', '    apt-get update; \\', '    apt-get install -y curl;'),
      errors: [{ messageId: 'apt', line: 4, column: 5 }],
      output: lines('FROM debian:12.5', 'RUN set -eux; \\', '    apt-get update; \\', '    apt-get install -y curl \\', '    && rm -rf /var/lib/apt/lists/*'),
    },
    {
      // Removing the lists in the later RUN saves nothing (they are in the earlier layer), and in
      // the earlier one breaks the later install: the finding is on the layer that holds them.
      name: 'several RUNs share the lists: reported where they are fetched, with no mechanical fix',
      code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl', 'RUN apt-get install -y git'),
      errors: [{ messageId: 'aptShared', line: 2, column: 23 }],
      output: null,
    },
    {
      name: 'apt lists left, single line',
      code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl'),
      errors: [{ messageId: 'apt', line: 2, column: 23 }],
      output: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'apt lists left, continuation lines keep their style',
      code: lines('FROM debian:12.5', 'RUN apt-get update \\', '    && apt-get install -y \\', '       curl git'),
      errors: [{ messageId: 'apt', line: 3, column: 8 }],
      output: lines('FROM debian:12.5', 'RUN apt-get update \\', '    && apt-get install -y \\', '       curl git \\', '       && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'apk add without --no-cache',
      code: lines('FROM alpine:3.20.1', 'RUN apk update && apk add curl'),
      // Suggestions, not --fix: no build here can prove them (no Alpine, Fedora or openSUSE image from Debian's packages).
      errors: [{ messageId: 'apk', line: 2, column: 19, suggestions: [{ title: 'Add --no-cache', output: lines('FROM alpine:3.20.1', 'RUN apk update && apk add --no-cache curl') }] }],
      output: null,
    },
    {
      name: 'one finding per cache and RUN; its fix covers every apk add and pip install there',
      code: lines('FROM alpine:3.20.1', 'RUN apk add curl && apk add git && pip install flask && pip install gunicorn'),
      errors: [
        {
          messageId: 'apk',
          line: 2,
          column: 5,
          suggestions: [{ title: 'Add --no-cache', output: lines('FROM alpine:3.20.1', 'RUN apk add --no-cache curl && apk add --no-cache git && pip install flask && pip install gunicorn') }],
        },
        { messageId: 'pip', line: 2, column: 36 },
      ],
      output: lines('FROM alpine:3.20.1', 'RUN apk add curl && apk add git && pip install --no-cache-dir flask && pip install --no-cache-dir gunicorn'),
    },
    {
      name: 'two apt installs after one update: one finding',
      code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl && apt-get install -y git'),
      errors: [{ messageId: 'apt', line: 2, column: 23 }],
      output: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl && apt-get install -y git && rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'pip install without --no-cache-dir, in a parent stage',
      code: lines('FROM python:3.12.4-slim AS base', 'RUN pip install -r requirements.txt', 'FROM base', 'CMD ["python"]'),
      errors: [{ messageId: 'pip', line: 2, column: 5 }],
      output: lines('FROM python:3.12.4-slim AS base', 'RUN pip install --no-cache-dir -r requirements.txt', 'FROM base', 'CMD ["python"]'),
    },
    {
      name: 'dnf without clean',
      code: lines('FROM fedora:40', 'RUN dnf install -y nginx'),
      errors: [{ messageId: 'rpm', line: 2, column: 5, suggestions: [{ title: 'Add "dnf clean all"', output: lines('FROM fedora:40', 'RUN dnf install -y nginx && dnf clean all') }] }],
      output: null,
    },
    {
      name: 'trailing comment: no mechanical fix',
      code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y curl # tools'),
      errors: [{ messageId: 'apt', line: 2, column: 23 }],
      output: null,
    },
  ],
});
