import rule from '../../server/src/rules/unverified-download';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'a checksum checked in the same RUN',
      code: lines(
        'FROM debian:12.8',
        'ARG TOOL_SHA256=0000000000000000000000000000000000000000000000000000000000000000',
        'RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool-1.2.3.tgz && echo "${TOOL_SHA256}  /tmp/tool.tgz" | sha256sum -c - && tar -xzf /tmp/tool.tgz -C /opt',
      ),
    },
    {
      name: 'a signature checked with gpg --verify (the terraform idiom)',
      code: lines(
        'FROM debian:12.8',
        'RUN curl -fsSLO https://releases.example.com/tf/1.9.0/tf_1.9.0_linux_amd64.zip && curl -fsSLO https://releases.example.com/tf/1.9.0/tf_1.9.0_SHA256SUMS.sig && gpg --verify tf_1.9.0_SHA256SUMS.sig && unzip tf_1.9.0_linux_amd64.zip -d /usr/local/bin',
      ),
    },
    {
      name: 'checked in a later RUN: the binary and its signature downloaded, minisign run in the next step (MinIO)',
      code: lines(
        'FROM golang:1.24.5-alpine AS build',
        'RUN curl -s https://dl.example.com/server/minio -o /go/bin/minio && curl -s https://dl.example.com/server/minio.minisig -o /go/bin/minio.minisig && chmod +x /go/bin/minio',
        'RUN curl -s https://dl.example.com/client/mc -o /go/bin/mc && curl -s https://dl.example.com/client/mc.sha256sum -o /go/bin/mc.sha256sum && chmod +x /go/bin/mc',
        'RUN minisign -Vqm /go/bin/minio -x /go/bin/minio.minisig -P RWTx5Zr1tiHQLwG9 && cd /go/bin && sha256sum -c mc.sha256sum',
      ),
    },
    {
      name: 'a key or checksum list is check material',
      code: lines('FROM debian:12.8', 'RUN curl -fsSL https://example.com/repo.gpg -o /usr/share/keyrings/repo.gpg && chmod 644 /usr/share/keyrings/repo.gpg'),
    },
    { name: 'data that is only read', code: lines('FROM debian:12.8', 'RUN curl -fsSL https://example.com/config.json -o /etc/app/config.json && cp /etc/app/config.json /etc/app/backup.json') },
    { name: 'a download whose use the RUN does not show', code: lines('FROM debian:12.8', 'RUN wget -q https://example.com/tool.tgz') },
    {
      name: 'piped to a shell is pipe-to-shell, plain HTTP is plain-http-download',
      code: lines('FROM debian:12.8', 'RUN curl -fsSL https://example.com/install.sh | sh && wget -qO- http://example.com/t.tgz | tar -xz'),
    },
    { name: 'an internal host (a compose service)', code: lines('FROM debian:12.8', 'RUN curl -fsSL https://nexus/repo/tool.tgz | tar -xz -C /opt') },
    {
      name: 'a debug branch a build without build arguments skips',
      code: lines('FROM debian:12.8', 'ARG INSTALL_DEBUG', 'RUN if [ "$INSTALL_DEBUG" ]; then curl -fsSL https://example.com/dlv.tgz | tar -xz -C /usr/local/bin; fi'),
    },
  ],
  invalid: [
    {
      name: 'piped into tar (code-server fixuid shape), the URL with variables is the range',
      code: lines('FROM debian:12.8', 'ARG ARCH=amd64', 'RUN curl -fsSL "https://github.com/boxboat/fixuid/releases/download/v0.6.0/fixuid-0.6.0-linux-$ARCH.tar.gz" | tar -C /usr/local/bin -xzf -'),
      errors: [{ messageId: 'unverified', line: 3, column: 16, message: /^curl downloads https:\/\/github\.com\/boxboat\/fixuid\/.* and this step unpacks it \(tar\) without checking/ }],
      output: null,
    },
    {
      name: 'wget to a file that unzip unpacks, and a second download in the same RUN made executable: one finding for the step',
      code: lines(
        'FROM alpine:3.21.2',
        'RUN wget -q https://releases.example.com/terraform_1.9.0_linux_amd64.zip && unzip terraform_1.9.0_linux_amd64.zip -d /usr/local/bin \\',
        ' && curl -fsSL -o /tmp/unoconv https://raw.githubusercontent.com/example/unoconverter/v0.4.0/unoconv && chmod +x /tmp/unoconv',
      ),
      errors: [{ messageId: 'unverified', line: 2, column: 13, message: /terraform_1\.9\.0_linux_amd64\.zip \(and 1 more download in this step\) and this step unpacks it \(unzip\)/ }],
      output: null,
    },
    {
      name: 'written straight into a bin folder from releases/latest (discourse setup wizard); a query string never reaches the message',
      code: lines('FROM debian:12.8', 'RUN curl -fsSL -o /usr/local/bin/yq "https://github.com/mikefarah/yq/releases/latest/download/yq_linux_amd64?token=abc"'),
      errors: [
        { messageId: 'latest', line: 2, column: 37, message: /^curl downloads https:\/\/github\.com\/mikefarah\/yq\/releases\/latest\/download\/yq_linux_amd64 and this step installs it without/ },
      ],
      output: null,
    },
    {
      name: 'a check in an earlier RUN, or of another file, does not count',
      code: lines(
        'FROM alpine:3.21.2',
        'RUN sha256sum -c /tmp/other.sha256',
        'RUN curl -fsSL -o /tmp/tool https://dl.example.com/tool && chmod +x /tmp/tool',
        'RUN sha256sum -c /tmp/unrelated.sha256',
      ),
      errors: [{ messageId: 'unverified', line: 3, column: 29, message: /makes it executable/ }],
      output: null,
    },
    {
      name: 'a download made executable',
      code: lines('FROM alpine:3.21.2', 'RUN curl -fsSL -o /tmp/unoconv https://raw.githubusercontent.com/example/unoconverter/v0.4.0/unoconv && chmod 755 /tmp/unoconv'),
      errors: [{ messageId: 'unverified', line: 2, column: 32, message: /this step makes it executable/ }],
      output: null,
    },
    {
      name: 'a package installed from the file (dpkg, apk), and a script run with sh',
      code: lines(
        'FROM debian:12.8',
        'RUN curl -fsSLO https://example.com/pkg/tool_1.2.3_amd64.deb && dpkg -i tool_1.2.3_amd64.deb',
        'RUN wget -O /tmp/setup.sh https://example.com/setup.sh && sh /tmp/setup.sh --prefix /opt',
      ),
      errors: [
        { messageId: 'unverified', line: 2, column: 17, message: /installs it \(dpkg\)/ },
        { messageId: 'unverified', line: 3, column: 27, message: /runs it \(sh\)/ },
      ],
      output: null,
    },
  ],
});
