import type { RuleCases } from '../buildCase';

// Only the last CMD and the last ENTRYPOINT count: the earlier ones go, the config stays.
const cases: RuleCases = {
  rule: 'multiple-cmd-entrypoint',
  cases: [
    { name: 'two CMDs', dockerfile: 'FROM busybox:1.36\nCMD ["echo", "first"]\nCMD ["echo", "second"]\n', fix: 'safe' },
    { name: 'two ENTRYPOINTs and a CMD', dockerfile: 'FROM busybox:1.36\nENTRYPOINT ["echo", "a"]\nENTRYPOINT ["echo", "b"]\nCMD ["c"]\n', fix: 'safe' },
    { name: 'a shell-form CMD replaced by an exec-form one', dockerfile: 'FROM busybox:1.36\nCMD echo "debug build"\nWORKDIR /srv\nCMD ["pwd"]\n', fix: 'safe' },
    { name: 'CMD over continuation lines, then another', dockerfile: 'FROM busybox:1.36\nCMD ["sh", "-c", \\\n     "echo one"]\nCMD ["sh", "-c", "echo two"]\n', fix: 'safe' },
    {
      name: 'the final stage sets CMD twice after FROM an earlier stage',
      dockerfile: 'FROM busybox:1.36 AS base\nCMD ["echo", "base"]\nFROM base\nCMD ["echo", "one"]\nRUN echo built > /built\nCMD ["cat", "/built"]\n',
      fix: 'safe',
    },
  ],
};
export default cases;
