import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseContext, RuleCases } from '../buildCase';
import { tlsServers, TOOL_TEXT, TRUSTED_PORT, UNTRUSTED_PORT } from '../tlsServer';

/** The image trusts the test CA the way a company image trusts its own. */
const TRUST = ['FROM buildpack-deps:bookworm-scm', 'COPY test-ca.crt /usr/local/share/ca-certificates/', 'RUN update-ca-certificates'];
const prepare = async (dir: string) => writeFile(join(dir, 'test-ca.crt'), (await tlsServers()).caPem);
const URL = `https://localhost:${TRUSTED_PORT}/tool.txt`;

/**
 * With the option gone the download still works (the server's certificate is trusted), and the
 * same command now refuses a server whose certificate nothing vouches for.
 */
async function verifiedDownload({ after, fixed }: CaseContext, program: 'curl' | 'wget'): Promise<void> {
  const run = await after.command();
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, TOOL_TEXT);
  const line = fixed.split('\n').find((l) => l.includes(URL))!;
  const command = (port: number) =>
    line
      .slice(line.indexOf(program))
      .replace(/;?\s*(\\|&&.*)?$/, '')
      .replace(String(TRUSTED_PORT), String(port))
      .replace(/-[oO] \S+/, program === 'curl' ? '-o /dev/null' : '-O /dev/null');
  // The same command, run in the image: it reaches the trusted server (so a failure below is
  // the certificate check, not the network) and refuses the one nobody vouches for.
  const trusted = await after.exec(['sh', '-c', command(TRUSTED_PORT)]);
  assert.equal(trusted.code, 0, `"${command(TRUSTED_PORT)}" failed: ${trusted.stderr}`);
  const stranger = await after.exec(['sh', '-c', command(UNTRUSTED_PORT)]);
  assert.notEqual(stranger.code, 0, `"${command(UNTRUSTED_PORT)}" accepted a certificate nobody signed`);
}

const cases: RuleCases = {
  rule: 'tls-verification-disabled',
  cases: [
    {
      name: 'curl -k',
      dockerfile: [...TRUST, `RUN curl -fsSk ${URL} -o /opt/tool.txt`, 'CMD ["cat", "/opt/tool.txt"]', ''].join('\n'),
      prepare,
      fix: /Remove -k/,
      behaviour: (context) => verifiedDownload(context, 'curl'),
    },
    {
      name: 'curl --insecure in a set -eux chain with a trailing semicolon',
      dockerfile: [...TRUST, 'RUN set -eux; \\', `    curl --insecure -fsSL -o /opt/tool.txt ${URL}; \\`, '    chmod 0644 /opt/tool.txt;', 'CMD ["cat", "/opt/tool.txt"]', ''].join('\n'),
      prepare,
      fix: /Remove --insecure/,
      behaviour: (context) => verifiedDownload(context, 'curl'),
    },
    {
      name: 'wget --no-check-certificate, then a check of the file',
      dockerfile: [...TRUST, `RUN wget -q --no-check-certificate -O /opt/tool.txt ${URL} \\`, ' && grep -q "tool 1.8.2" /opt/tool.txt', 'CMD ["cat", "/opt/tool.txt"]', ''].join('\n'),
      prepare,
      fix: /Remove --no-check-certificate/,
      behaviour: (context) => verifiedDownload(context, 'wget'),
    },
    {
      name: 'curl with -k inside a cluster (-fsSLk)',
      dockerfile: [...TRUST, 'WORKDIR /opt', `RUN curl -fsSLk -o tool.txt ${URL}`, 'CMD ["cat", "/opt/tool.txt"]', ''].join('\n'),
      prepare,
      fix: /Remove -k/,
      behaviour: (context) => verifiedDownload(context, 'curl'),
    },
    {
      name: 'ENV GIT_SSL_NO_VERIFY=true before a git clone over HTTPS',
      dockerfile: [...TRUST, 'ENV GIT_SSL_NO_VERIFY=true', `RUN git clone -q https://localhost:${TRUSTED_PORT}/lib.git /opt/lib`, 'CMD ["cat", "/opt/lib/VERSION"]', ''].join('\n'),
      prepare,
      fix: /Remove GIT_SSL_NO_VERIFY/,
      behaviour: async ({ after }) => {
        const run = await after.command();
        assert.equal(run.stdout, '3.1.0\n', run.stderr);
        assert.ok(!(after.config.Env ?? []).some((e) => e.startsWith('GIT_SSL_NO_VERIFY')), 'GIT_SSL_NO_VERIFY is still set');
        const trusted = await after.exec(['git', 'ls-remote', `https://localhost:${TRUSTED_PORT}/lib.git`]);
        assert.equal(trusted.code, 0, trusted.stderr);
        const stranger = await after.exec(['git', 'ls-remote', `https://localhost:${UNTRUSTED_PORT}/lib.git`]);
        assert.notEqual(stranger.code, 0, 'git accepted a certificate nobody signed');
      },
    },
  ],
};
export default cases;
