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
      name: 'a download removed by the next RUN',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /opt/a && echo payload > /tmp/archive && cp /tmp/archive /opt/a/f\nRUN rm /tmp/archive\nCMD ["cat", "/opt/a/f"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
    {
      name: 'a RUN ending in "|| true", its scratch file removed by the next',
      dockerfile: 'FROM busybox:1.36\nRUN echo scratch > /tmp/scratch && cp /tmp/scratch /kept || true\nRUN rm -f /tmp/scratch\nCMD ["cat", "/kept"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
    {
      name: 'a relative path under a WORKDIR',
      dockerfile: 'FROM busybox:1.36\nWORKDIR /w\nRUN echo a > a.part && cp a.part a\nRUN rm a.part\nCMD ["cat", "a"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
    {
      name: 'a RUN over continuation lines with a comment inside',
      dockerfile: 'FROM busybox:1.36\nRUN mkdir -p /etc/app \\\n    # config next\n    && echo x > /tmp/x.conf && cp /tmp/x.conf /etc/app/x\nRUN rm -rf /tmp/x.conf\nCMD ["cat", "/etc/app/x"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
    {
      name: 'a folder unpacked, used and removed in the next RUN, in the final stage of two',
      dockerfile:
        'FROM busybox:1.36 AS build\nRUN echo built > /out\nFROM busybox:1.36\nCOPY --from=build /out /out\nRUN mkdir -p /tmp/unpacked && cp /out /tmp/unpacked/out && cat /tmp/unpacked/out > /result\nRUN rm -rf /tmp/unpacked\nCMD ["cat", "/result"]\n',
      fix: /Merge into the RUN above/,
      behaviour: same,
    },
  ],
};
export default cases;
