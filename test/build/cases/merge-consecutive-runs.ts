import assert from 'node:assert/strict';
import type { RuleCases } from '../buildCase';
import { sameFiles } from '../compare';

// Merged RUNs must build and leave the same files and command output.
const same = async ({ before, after }: Parameters<NonNullable<RuleCases['cases'][0]['behaviour']>>[0]) => {
  sameFiles(await before.files(), await after.files(), []);
  assert.equal((await after.command()).stdout, (await before.command()).stdout);
};
const cases: RuleCases = {
  rule: 'merge-consecutive-runs',
  cases: [
    {
      name: 'a RUN whose next one depends on it',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /opt/a && echo one > /opt/a/f\nRUN echo two >> /opt/a/f\nCMD ["cat", "/opt/a/f"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
    {
      name: 'a RUN ending in "|| true" merged with the next',
      dockerfile: 'FROM busybox:1.36\nRUN rm /nonexistent || true\nRUN echo after > /after\nCMD ["cat", "/after"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
    {
      name: 'three RUNs with a WORKDIR before them',
      dockerfile: 'FROM busybox:1.36\nWORKDIR /w\nRUN echo a > a\nRUN echo b > b\nCMD ["cat", "a", "b"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
    {
      name: 'a RUN over continuation lines with a comment inside',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /etc/app \\\n    # config next\n    && echo x > /etc/app/x\nRUN ln -s /etc/app/x /x\nCMD ["cat", "/x"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
    {
      name: 'in a build stage',
      dockerfile: 'FROM busybox:1.36 AS build\nRUN echo built > /out\nRUN chmod 600 /out\nFROM busybox:1.36\nCOPY --from=build /out /out\nCMD ["cat", "/out"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
  ],
};
export default cases;
