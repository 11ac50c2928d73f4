import assert from 'node:assert/strict';
import type { CaseContext, RuleCases } from '../buildCase';

/** A download that works: the image with pipefail on is the one without, same output. */
async function sameOutput({ before, after }: CaseContext): Promise<void> {
  const [was, is] = [await before.command(), await after.command()];
  assert.equal(is.code, 0, is.stderr);
  assert.equal(is.stdout, was.stdout);
  assert.notEqual(is.stdout.trim(), '', 'the command printed nothing: the case proves nothing');
}

/** Nothing listens on loopback's discard port inside a build: the download fails at once. */
const NOWHERE = 'http://127.0.0.1:9';
/** Debian's mirror is the one address builds reach (plain HTTP). */
const RELEASE = 'http://deb.debian.org/debian/dists/bookworm/Release';
const WITH_CURL = 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*';

// With pipefail, a pipe whose download fails stops the build (the failure the original hid);
// a download that works builds the same image.
const cases: RuleCases = {
  rule: 'pipe-without-pipefail',
  cases: [
    {
      // hadolint's DL4006 case: dash has no pipefail, so the original fails at its first RUN.
      name: 'Debian: SHELL /bin/sh -o pipefail fails every RUN; /bin/bash builds and keeps pipefail',
      dockerfile: 'FROM debian:12-slim\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN set -o | grep -q "pipefail.*on" && echo built | cat > /marker\nCMD ["cat", "/marker"]\n',
      fix: /Run the shell as \/bin\/bash/,
      beforeFails: true,
      behaviour: async ({ after }: CaseContext) => {
        const run = await after.command();
        assert.equal(run.code, 0, run.stderr);
        // The RUN checked that pipefail is on before it wrote the marker.
        assert.equal(run.stdout.trim(), 'built');
      },
    },
    {
      name: 'BusyBox: a failed download piped into wc no longer builds',
      dockerfile: `FROM busybox:1.36\nRUN wget -qO- ${NOWHERE}/tool.tar | wc -c > /size\nCMD ["cat", "/size"]\n`,
      fix: /set -o pipefail/,
      afterFails: /refused|can't connect/i,
    },
    {
      name: 'BusyBox: a download that works, in a set -eux chain',
      dockerfile: `FROM busybox:1.36\nRUN set -eux; \\\n    wget -qO- ${RELEASE} | grep -c "^Codename:" > /codename-lines;\nCMD ["cat", "/codename-lines"]\n`,
      fix: /set -o pipefail/,
      behaviour: sameOutput,
    },
    {
      name: 'Debian: a failed curl piped into sort no longer builds',
      dockerfile: `FROM debian:12-slim\n${WITH_CURL}\nRUN mkdir -p /opt/notes && curl -fsS ${NOWHERE}/notes.txt | sort > /opt/notes/sorted\nCMD ["wc", "-c", "/opt/notes/sorted"]\n`,
      fix: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
      afterFails: /Failed to connect|Couldn't connect/,
    },
    {
      name: 'Debian: two RUNs that download, both under the new SHELL',
      dockerfile: [
        'FROM debian:12-slim',
        WITH_CURL,
        `RUN curl -fsS ${RELEASE} | cut -d: -f1 | sort -u > /release-keys`,
        `RUN set -eux; curl -fsS ${RELEASE} | tr a-z A-Z > /release-upper;`,
        'CMD ["sh", "-c", "wc -l < /release-keys && grep -c ^CODENAME /release-upper"]',
        '',
      ].join('\n'),
      fix: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
      behaviour: sameOutput,
    },
    {
      name: 'buildpack-deps (curl and wget included): a download into sed',
      dockerfile: `FROM buildpack-deps:bookworm-scm\nRUN wget -qO- ${RELEASE} | sed -n 's/^Suite: //p' > /suite\nCMD ["cat", "/suite"]\n`,
      fix: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
      behaviour: sameOutput,
    },
    {
      name: 'buildpack-deps: a failed download into tee no longer builds',
      dockerfile: `FROM buildpack-deps:bookworm-scm\nRUN curl -fsSL ${NOWHERE}/key.asc | tee /key.asc > /dev/null\nCMD ["wc", "-c", "/key.asc"]\n`,
      fix: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/,
      afterFails: /Failed to connect|Couldn't connect/,
    },
  ],
};
export default cases;
