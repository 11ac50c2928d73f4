import assert from 'node:assert/strict';
import { it } from 'node:test';
import { linter } from '../../server/src/defaultLinter';
import rule from '../../server/src/rules/pin-os-packages';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: "a version from the stage's ENV or from a build argument, and a module stream",
      code: lines('FROM fedora:41', 'ARG GIT_VER', 'ENV CURL_VER=8.9.1-2.fc41', 'RUN dnf -y install git-${GIT_VER} curl-${CURL_VER} && dnf module install -y nodejs:20'),
    },
    { name: 'pinned versions', code: lines('FROM a:1.0.0', 'RUN apt-get install -y curl=8.5.0-2 && apk add git=2.45.2-r0 git-lfs~3.5 && dnf install -y nginx-1.24.0 && zypper in -y vim=9.1') },
    { name: 'local packages, groups and variables', code: lines('FROM a:1.0.0', 'RUN apt-get install -y ./pkg.deb $PACKAGES && dnf install -y @core ./x.rpm && apk add ./y.apk') },
    { name: "language packages are pin-packages'", code: lines('FROM python:3.12.4', 'RUN pip install flask') },
  ],
  invalid: [
    {
      // hadolint's DL3033/DL3041 shapes: a version variable set only in another stage, and a module with no stream.
      name: 'a version variable the stage does not have, and dnf module install without a stream',
      code: lines('FROM fedora:41 AS vars', 'ENV PKG_VER=2.47.1-1.fc41', 'FROM fedora:41', 'RUN dnf -y install git-${PKG_VER}', 'RUN dnf module install -y nodejs'),
      errors: [
        { messageId: 'unpinned', line: 4, column: 5, message: /git-/ },
        { messageId: 'unpinned', line: 5, column: 5, message: /nodejs/ },
      ],
      output: null,
    },
    {
      name: 'apt-get',
      code: lines('FROM debian:12.5', 'RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates'),
      errors: [{ messageId: 'unpinned', line: 2, column: 23, severity: 'info', message: /apt-get installs curl, ca-certificates without an exact version/ }],
      output: null,
    },
    {
      name: 'apk with --virtual',
      code: lines('FROM alpine:3.20.1', 'RUN apk add --no-cache --virtual .deps gcc musl-dev'),
      errors: [{ messageId: 'unpinned', line: 2, column: 5, message: /gcc, musl-dev/ }],
      output: null,
    },
    {
      name: 'dnf and microdnf, with the in alias',
      code: lines('FROM fedora:40', 'RUN dnf in -y git && microdnf install -y jq'),
      errors: [
        { messageId: 'unpinned', line: 2, column: 5, message: /dnf installs git/ },
        { messageId: 'unpinned', line: 2, column: 22, message: /microdnf installs jq/ },
      ],
      output: null,
    },
    {
      name: 'many packages are summarised',
      code: lines('FROM debian:12.5', 'RUN apt-get install -y a b c d e'),
      errors: [{ messageId: 'unpinned', line: 2, column: 5, message: /a, b, c and 2 more/ }],
      output: null,
    },
  ],
});

it('pin-os-packages is off unless the config turns it on, and then reports at its severity', () => {
  const code = lines('FROM debian:12.5', 'RUN apt-get install -y curl');
  assert.deepEqual(
    linter.lintDockerfile(code).findings.filter((f) => f.ruleId === 'pin-os-packages'),
    [],
  );
  const on = linter.lintDockerfile(code, { severityOverrides: [{ rule: 'pin-os-packages', severity: 'warning' }] }).findings.filter((f) => f.ruleId === 'pin-os-packages');
  assert.deepEqual(
    on.map((f) => f.severity),
    ['warning'],
  );
});
