import type { RuleCases } from '../buildCase';

// Only the last HEALTHCHECK counts: removing the earlier ones leaves the config as it was.
const base = 'FROM busybox:1.36\nCMD ["echo", "up"]\n';
const cases: RuleCases = {
  rule: 'healthcheck-multiple',
  cases: [
    {
      name: 'two CMD checks',
      dockerfile: `${base}HEALTHCHECK CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1\nHEALTHCHECK --interval=30s CMD wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1\n`,
      fix: 'safe',
    },
    {
      name: 'an inherited check replaced later in the same stage',
      dockerfile: `${base}HEALTHCHECK --interval=5s --timeout=2s CMD ["true"]\nEXPOSE 8080\nHEALTHCHECK --interval=10s CMD ["sh", "-c", "nc -z 127.0.0.1 8080"]\n`,
      fix: 'safe',
    },
    { name: 'NONE after a check', dockerfile: `${base}HEALTHCHECK CMD ["true"]\nHEALTHCHECK NONE\n`, fix: 'safe' },
    {
      name: 'three checks over continuation lines',
      dockerfile: `${base}HEALTHCHECK --interval=5s \\\n  CMD ["true"]\nHEALTHCHECK CMD ["false"]\nHEALTHCHECK --retries=5 \\\n  --timeout=3s \\\n  CMD ["sh", "-c", "test -e /bin/sh"]\n`,
      fix: 'safe',
    },
    {
      name: 'in the final stage of two',
      dockerfile: `FROM busybox:1.36 AS base\nHEALTHCHECK CMD ["true"]\nFROM base\nHEALTHCHECK --interval=1m CMD ["true"]\nRUN echo x > /x\nHEALTHCHECK --interval=2m CMD ["true"]\nCMD ["cat", "/x"]\n`,
      fix: 'safe',
    },
  ],
};
export default cases;
