import rule from '../../server/src/rules/merge-consecutive-runs';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'separated by another instruction', code: lines('FROM a:1.0.0', 'RUN a', 'COPY x /x', 'RUN b') },
    { name: 'heredoc RUNs are scripts on purpose', code: lines('FROM a:1.0.0', 'RUN <<EOF', 'a', 'EOF', 'RUN b') },
    { name: 'backtick escape without SHELL: a Windows file, cmd bodies are not merged', code: lines('# escape=`', 'FROM a:1.0.0', 'RUN a', 'RUN b') },
    { name: 'different mounts', code: lines('FROM a:1.0.0', 'RUN --mount=type=cache,target=/c a', 'RUN b') },
  ],
  invalid: [
    {
      name: 'two plain RUNs',
      code: lines('FROM a:1.0.0', 'RUN apt-get update && apt-get install -y x', 'RUN useradd app'),
      errors: [{ messageId: 'consecutive', line: 3, column: 1, suggestions: [{ output: lines('FROM a:1.0.0', 'RUN apt-get update && apt-get install -y x \\', '    && useradd app') }] }],
      output: null,
    },
    {
      name: 'cd in the first would leak into the second: no fix',
      code: lines('FROM a:1.0.0', 'RUN cd /src && make', 'RUN make install'),
      errors: [{ messageId: 'consecutive', line: 3, column: 1, suggestions: [] }],
      output: null,
    },
    {
      name: 'three in a row, backtick escape with an explicit POSIX SHELL',
      code: lines('# escape=`', 'FROM a:1.0.0', 'SHELL ["/bin/sh", "-c"]', 'RUN a', 'RUN b', 'RUN c'),
      errors: [
        { messageId: 'consecutive', line: 5, column: 1, suggestions: [{ output: lines('# escape=`', 'FROM a:1.0.0', 'SHELL ["/bin/sh", "-c"]', 'RUN a `', '    && b', 'RUN c') }] },
        { messageId: 'consecutive', line: 6, column: 1, suggestions: [{ output: lines('# escape=`', 'FROM a:1.0.0', 'SHELL ["/bin/sh", "-c"]', 'RUN a', 'RUN b `', '    && c') }] },
      ],
      output: null,
    },
  ],
});
