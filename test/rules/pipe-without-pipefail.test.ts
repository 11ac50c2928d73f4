import rule from '../../server/src/rules/pipe-without-pipefail';
import { lines, runRuleTests } from '../ruleTester';

const BASH = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

runRuleTests(rule, {
  valid: [
    { name: 'no pipe', code: lines('FROM debian:12.6-slim', 'RUN apt-get update && apt-get install -y curl') },
    {
      name: 'pipes fed by echo and printf only',
      code: lines('FROM debian:12.6-slim', 'RUN echo "deb http://deb.debian.org/debian bookworm main" | tee /etc/apt/sources.list && printf "a\\n" | sort'),
    },
    { name: 'set -o pipefail first', code: lines('FROM alpine:3.20.1', 'RUN set -o pipefail && wget -qO- https://example.com/x.tar.gz | tar -xz') },
    { name: 'set -euo pipefail in a chain', code: lines('FROM debian:12.6-slim', 'RUN set -euo pipefail; curl -fsSL https://example.com/x | tar -xz') },
    { name: 'SHELL with pipefail in the stage', code: lines('FROM debian:12.6-slim', BASH, 'RUN curl -fsSL https://example.com/x | tar -xz') },
    { name: 'SHELL with pipefail in the parent stage', code: lines('FROM debian:12.6-slim AS base', BASH, 'FROM base', 'RUN curl -fsSL https://example.com/x | tar -xz') },
    { name: 'exec form has no shell', code: lines('FROM debian:12.6-slim', 'RUN ["sh", "-c", "cat /x | wc -l"]') },
    // discourse: the substitution's output is checked by test.
    { name: 'a pipe inside a command substitution', code: lines('FROM debian:12.6-slim', 'RUN test $(magick -version | grep -o -e png -e webp | wc -l) -eq 2') },
    {
      name: 'readers that fail on empty input: grep that must match, tar -x',
      code: lines('FROM debian:12.6-slim', 'RUN ldd /usr/local/bin/vips | grep -q libvips && curl -fsSL https://example.com/x.tgz | tar -xz -C /opt'),
    },
    { name: "curl | sh is pipe-to-shell's finding", code: lines('FROM debian:12.6-slim', 'RUN curl -sSL https://install.python-poetry.org | python3 -') },
    { name: 'PowerShell stage', code: lines('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN Get-Content x | Out-File y') },
  ],
  invalid: [
    {
      name: 'a download piped into gpg on Debian: warning, SHELL with bash',
      code: lines('FROM debian:12.6-slim', 'RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg'),
      errors: [
        {
          messageId: 'download',
          line: 2,
          column: 5,
          severity: 'warning',
          message: /If curl fails here/,
          suggestions: [
            {
              title: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
              output: lines('FROM debian:12.6-slim', BASH, 'RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Alpine: set -o pipefail before the script, in a set -eux chain',
      code: lines('FROM alpine:3.20.1', 'RUN set -eux; \\', '    cat /etc/app.conf | grep -v "^#" > /etc/app.clean;'),
      errors: [
        {
          messageId: 'pipe',
          line: 3,
          column: 5,
          severity: 'info',
          message: /if cat fails/,
          suggestions: [
            {
              title: 'Turn on pipefail for this RUN (set -o pipefail)',
              output: lines('FROM alpine:3.20.1', 'RUN set -o pipefail && set -eux; \\', '    cat /etc/app.conf | grep -v "^#" > /etc/app.clean;'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'two RUNs of one Debian stage: the same SHELL before the first',
      code: lines('FROM python:3.12.4-slim', 'RUN pip freeze | sort > /reqs', 'RUN cat /reqs | wc -l'),
      errors: [
        { messageId: 'pipe', line: 2, column: 5, suggestions: [{ output: lines('FROM python:3.12.4-slim', BASH, 'RUN pip freeze | sort > /reqs', 'RUN cat /reqs | wc -l') }] },
        { messageId: 'pipe', line: 3, column: 5, suggestions: [{ output: lines('FROM python:3.12.4-slim', BASH, 'RUN pip freeze | sort > /reqs', 'RUN cat /reqs | wc -l') }] },
      ],
      output: null,
    },
    {
      name: 'an unknown base: reported, no edit (its shell is not known)',
      code: lines('FROM registry.example.com/team/runtime:4.1', 'RUN wget -qO- https://example.com/x.json | jq -r .version > /version'),
      errors: [{ messageId: 'download', line: 2, column: 5, suggestions: [] }],
      output: null,
    },
    {
      // With pipefail, the writer dies of SIGPIPE when head or grep -q stop reading: a new failure.
      name: 'a pipe into head or grep -q: reported, no edit',
      code: lines('FROM debian:12.6-slim', 'RUN find / -name "*.so" | head -n 1 > /first-lib', 'RUN dpkg -l | grep -m 1 -v libc6 > /first-other'),
      errors: [
        { messageId: 'pipe', line: 2, column: 5, suggestions: [] },
        { messageId: 'pipe', line: 3, column: 5, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'a SHELL of the author without pipefail: reported, no edit',
      code: lines('FROM debian:12.6-slim', 'SHELL ["/bin/bash", "-c"]', 'RUN cat /x | wc -l'),
      errors: [{ messageId: 'pipe', line: 3, column: 5, suggestions: [] }],
      output: null,
    },
  ],
});
