import rule from '../../server/src/rules/pipe-without-pipefail';
import { lines, runRuleTests } from '../ruleTester';

const BASH = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

runRuleTests(rule, {
  valid: [
    { name: "SHELL sh -o pipefail where sh is busybox's ash", code: lines('FROM alpine:3.21.2', 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]', 'RUN wget -qO- https://example.org/x | tar -x') },
    { name: 'no pipe', code: lines('FROM debian:12.6-slim', 'RUN curl -fsSLo /tmp/x.tgz https://example.com/x.tgz') },
    // docker-library's idiom, written without pipefail on purpose: only downloads are reported.
    {
      name: 'pipes that download nothing',
      code: lines('FROM debian:12.6-slim', "RUN find /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $(NF-1) }' | sort -u | xargs -r apt-mark manual", 'RUN cat /x | wc -l'),
    },
    { name: 'set -o pipefail first', code: lines('FROM alpine:3.20.1', 'RUN set -o pipefail && wget -qO- https://example.com/x | sort > /x') },
    { name: 'set -euo pipefail in a chain', code: lines('FROM debian:12.6-slim', 'RUN set -euo pipefail; curl -fsSL https://example.com/x | sort > /x') },
    { name: 'SHELL with pipefail in the stage', code: lines('FROM debian:12.6-slim', BASH, 'RUN curl -fsSL https://example.com/x | sort > /x') },
    { name: 'SHELL with pipefail in the parent stage', code: lines('FROM debian:12.6-slim AS base', BASH, 'FROM base', 'RUN curl -fsSL https://example.com/x | sort > /x') },
    { name: 'exec form has no shell', code: lines('FROM debian:12.6-slim', 'RUN ["sh", "-c", "curl -fsSL https://example.com/x | wc -l"]') },
    // discourse: the substitution's output is what the command around it uses.
    { name: 'a pipe inside a command substitution', code: lines('FROM debian:12.6-slim', 'RUN VERSION="$(curl -fsSL https://example.com/latest | cut -d. -f1)" && test -n "$VERSION"') },
    {
      name: 'readers that fail on empty input: grep that must match, tar -x, decompressors, checksum checks, key imports',
      code: lines(
        'FROM debian:12.6-slim',
        'RUN curl -fsSL https://example.com/x.tgz | tar -xz -C /opt && curl -fsSL https://example.com/list | grep -q name',
        'RUN wget -qO- https://example.com/SUMS | sha256sum -c - && wget -qO- https://example.com/key | apt-key add - && curl -fsSL https://example.com/k | gpg --import && curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg',
        'RUN curl -sSL https://example.com/db.gz | gunzip -c > /db && curl -sSL https://example.com/x.xz | xz -d -c > /x && curl -sSL https://example.com/ui.zip | busybox unzip -',
      ),
    },
    { name: "curl | sh is pipe-to-shell's finding", code: lines('FROM debian:12.6-slim', 'RUN curl -sSL https://install.python-poetry.org | python3 -') },
    { name: 'PowerShell stage', code: lines('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["powershell", "-Command"]', 'RUN curl.exe -fsSL https://x | Out-File y') },
  ],
  invalid: [
    {
      name: 'SHELL /bin/sh -o pipefail on Debian: dash has no pipefail, an error, /bin/bash as the suggestion',
      code: lines('FROM debian:12.8', 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://example.org/list.txt | grep -c entry > /tmp/count'),
      errors: [
        {
          messageId: 'dashPipefail',
          line: 2,
          column: 7,
          severity: 'error',
          suggestions: [{ output: lines('FROM debian:12.8', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://example.org/list.txt | grep -c entry > /tmp/count') }],
        },
      ],
      output: null,
    },
    {
      name: 'a download piped into sed on Debian: SHELL with bash',
      code: lines('FROM debian:12.6-slim', "RUN curl -fsSL https://example.com/app.conf | sed 's/^#//' > /etc/app.conf"),
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
              output: lines('FROM debian:12.6-slim', BASH, "RUN curl -fsSL https://example.com/app.conf | sed 's/^#//' > /etc/app.conf"),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Alpine: set -o pipefail before the script, in a set -eux chain',
      code: lines('FROM alpine:3.20.1', 'RUN set -eux; \\', '    wget -qO- https://example.com/app.conf | grep -v "^#" > /etc/app.conf;'),
      errors: [
        {
          messageId: 'download',
          line: 3,
          column: 5,
          message: /If wget fails here/,
          suggestions: [
            {
              title: 'Turn on pipefail for this RUN (set -o pipefail)',
              output: lines('FROM alpine:3.20.1', 'RUN set -o pipefail && set -eux; \\', '    wget -qO- https://example.com/app.conf | grep -v "^#" > /etc/app.conf;'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'two RUNs of one Debian stage: the same SHELL before the first',
      code: lines('FROM python:3.12.4-slim', 'RUN curl -fsSL https://example.com/a | sort > /a', 'RUN curl -fsSL https://example.com/b | tee /b'),
      errors: [
        {
          messageId: 'download',
          line: 2,
          column: 5,
          suggestions: [{ output: lines('FROM python:3.12.4-slim', BASH, 'RUN curl -fsSL https://example.com/a | sort > /a', 'RUN curl -fsSL https://example.com/b | tee /b') }],
        },
        {
          messageId: 'download',
          line: 3,
          column: 5,
          suggestions: [{ output: lines('FROM python:3.12.4-slim', BASH, 'RUN curl -fsSL https://example.com/a | sort > /a', 'RUN curl -fsSL https://example.com/b | tee /b') }],
        },
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
      // With pipefail, the writer dies of SIGPIPE when head or grep -m stop reading: a new failure.
      name: 'a pipe into head or grep -m: reported, no edit',
      code: lines(
        'FROM debian:12.6-slim',
        'RUN curl -fsSL https://example.com/list | head -n 1 > /first',
        'RUN curl -fsSL https://example.com/list | grep -m 1 -v x > /other',
        "RUN curl -fsSL https://example.com/list | sed '/^$/q' > /until-blank",
      ),
      errors: [
        { messageId: 'download', line: 2, column: 5, suggestions: [] },
        { messageId: 'download', line: 3, column: 5, suggestions: [] },
        { messageId: 'download', line: 4, column: 5, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'a SHELL of the author without pipefail: reported, no edit',
      code: lines('FROM debian:12.6-slim', 'SHELL ["/bin/bash", "-c"]', 'RUN curl -fsSL https://example.com/x | wc -l'),
      errors: [{ messageId: 'download', line: 3, column: 5, suggestions: [] }],
      output: null,
    },
  ],
});
