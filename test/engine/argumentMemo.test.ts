import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerfileParser, type Copy } from 'dockerfile-ast';
import '../../server/src/engine/dockerfile/argumentMemo';

describe('remembered instruction arguments', () => {
  it('give every caller the same answer, flags left out each time (dockerfile-ast shifts them off its copy)', () => {
    const [copyInstruction, run] = DockerfileParser.parse('FROM a\nCOPY --chown=1:1 --link src \\\n  /app\nRUN echo a \\\n  b\n').getInstructions().slice(1);
    const copy = copyInstruction as Copy;
    for (let round = 0; round < 3; round++) {
      assert.deepEqual(
        copy.getArguments().map((a) => a.getValue()),
        ['src', '/app'],
      );
      assert.deepEqual(
        copy.getFlags().map((f) => f.getName()),
        ['chown', 'link'],
      );
      assert.deepEqual(
        run.getArguments().map((a) => a.getValue()),
        ['echo', 'a', 'b'],
      );
    }
    // A caller that changes its list does not change the next caller's.
    copy.getArguments().length = 0;
    assert.equal(copy.getArguments().length, 2);
    assert.equal(copy.getArgumentsContent(), 'src   /app');
  });
});
