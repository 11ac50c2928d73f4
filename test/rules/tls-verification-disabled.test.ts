import rule from '../../server/src/rules/tls-verification-disabled';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'verified downloads', code: lines('FROM a:1.0.0', 'RUN curl -fsSL https://x -o y && wget -q https://x', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=1') },
    { name: 'ARG GIT_SSL_NO_VERIFY without a default sets nothing', code: lines('FROM a:1.0.0', 'ARG GIT_SSL_NO_VERIFY', 'RUN git clone https://x') },
    { name: 'PowerShell bodies are not POSIX shell', code: lines('FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04', 'SHELL ["pwsh", "-Command"]', 'RUN curl -k https://x') },
    { name: 'backtick escape: a Windows Dockerfile whose shell is cmd', code: lines('# escape=`', 'FROM registry.example.com/msvc-build:2022', 'RUN curl -k https://x -o C:\\x') },
    { name: 'curl -K is a config file, not -k', code: lines('FROM a:1.0.0', 'RUN curl -K /etc/curlrc https://x') },
  ],
  invalid: [
    {
      // checkov's CKV2_DOCKER_12/13/14/16 shapes: npm reads its variables in any case, and `export` sets them for the RUN.
      name: 'lowercase npm_config_, npm set and c set, key=value, and exported variables',
      code: lines(
        'FROM node:22.4.1',
        'ARG npm_config_strict_ssl=false',
        'RUN npm_config_strict_ssl=false npm ci',
        'RUN npm set strict-ssl false && npm c set "strict-ssl"=false',
        'RUN export GIT_SSL_NO_VERIFY=1 && export PIP_TRUSTED_HOST=pypi.internal.example',
      ),
      errors: [
        { messageId: 'env', line: 2, column: 5 },
        { messageId: 'env', line: 3, column: 5 },
        { messageId: 'config', line: 4, column: 5 },
        { messageId: 'config', line: 4, column: 33 },
        { messageId: 'gitAnyValue', line: 5, column: 12 },
        { messageId: 'env', line: 5, column: 42 },
      ],
      output: null,
    },
    {
      name: 'curl -k inside combined flags',
      code: lines('FROM a:1.0.0', 'RUN curl -fsSLk https://example.com/x -o /x'),
      errors: [{ messageId: 'option', line: 2, column: 5, message: /curl -k/, suggestions: [{ output: lines('FROM a:1.0.0', 'RUN curl -fsSL https://example.com/x -o /x') }] }],
      output: null,
    },
    {
      name: 'curl --insecure',
      code: lines('FROM a:1.0.0', 'RUN curl --insecure https://x -o /x'),
      errors: [{ messageId: 'option', line: 2, column: 5, suggestions: [{ output: lines('FROM a:1.0.0', 'RUN curl https://x -o /x') }] }],
      output: null,
    },
    {
      name: 'wget --no-check-certificate',
      code: lines('FROM a:1.0.0', 'RUN wget --no-check-certificate https://x'),
      errors: [{ messageId: 'option', line: 2, column: 5, suggestions: [{ output: lines('FROM a:1.0.0', 'RUN wget https://x') }] }],
      output: null,
    },
    { name: 'pip --trusted-host', code: lines('FROM a:1.0.0', 'RUN pip install --trusted-host pypi.org flask'), errors: [{ messageId: 'option', line: 2, column: 5 }], output: null },
    { name: 'npm strict-ssl false', code: lines('FROM a:1.0.0', 'RUN npm config set strict-ssl false'), errors: [{ messageId: 'config', line: 2, column: 5 }], output: null },
    { name: 'git sslVerify', code: lines('FROM a:1.0.0', 'RUN git -c http.sslVerify=false clone https://x'), errors: [{ messageId: 'config', line: 2, column: 5 }], output: null },
    { name: 'dnf setopt', code: lines('FROM a:1.0.0', 'RUN dnf install -y --setopt=sslverify=false x'), errors: [{ messageId: 'config', line: 2, column: 5 }], output: null },
    {
      name: 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0',
      code: lines('FROM a:1.0.0', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0'),
      errors: [{ messageId: 'env', line: 2, column: 5, suggestions: [{ output: lines('FROM a:1.0.0') }] }],
      output: null,
    },
    { name: 'inline assignment', code: lines('FROM a:1.0.0', 'RUN GIT_SSL_NO_VERIFY=1 git clone https://x'), errors: [{ messageId: 'gitAnyValue', line: 2, column: 5 }], output: null },
    {
      // git disables verification whenever the variable is set (issue 14): "false", "0" and empty too.
      name: 'GIT_SSL_NO_VERIFY set to false, 0 or nothing still turns checks off',
      code: lines('FROM a:1.0.0', 'ENV GIT_SSL_NO_VERIFY=false', 'ARG GIT_SSL_NO_VERIFY=0', 'RUN GIT_SSL_NO_VERIFY= git clone https://x'),
      errors: [
        {
          messageId: 'gitAnyValue',
          line: 2,
          column: 5,
          message: /whatever its value/,
          suggestions: [{ output: lines('FROM a:1.0.0', 'ARG GIT_SSL_NO_VERIFY=0', 'RUN GIT_SSL_NO_VERIFY= git clone https://x') }],
        },
        { messageId: 'gitAnyValue', line: 3, column: 5, suggestions: [{ output: lines('FROM a:1.0.0', 'ENV GIT_SSL_NO_VERIFY=false', 'RUN GIT_SSL_NO_VERIFY= git clone https://x') }] },
        { messageId: 'gitAnyValue', line: 4, column: 5 },
      ],
      output: null,
    },
  ],
});
