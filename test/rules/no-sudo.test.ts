import rule from '../../server/src/rules/no-sudo';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'no sudo', code: lines('FROM a:1.0.0', 'RUN apt-get update') },
    { name: 'sudo -u drops privileges (seen in the corpus)', code: lines('FROM ubuntu:24.04', 'RUN sudo -u ${USERNAME} npm config -g set prefix /npm') },
    { name: 'installing the sudo package is another matter', code: lines('FROM a:1.0.0', 'RUN apt-get install -y sudo') },
  ],
  invalid: [
    {
      name: 'sudo while already root: safe to drop',
      code: lines('FROM ubuntu:24.04', 'RUN sudo apt-get update && sudo apt-get install -y curl'),
      errors: [
        { messageId: 'sudo', line: 2, column: 5 },
        { messageId: 'sudo', line: 2, column: 28 },
      ],
      output: lines('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y curl'),
    },
    {
      name: 'sudo after USER app: only a suggestion',
      code: lines('FROM ubuntu:24.04', 'USER app', 'RUN sudo make install'),
      errors: [{ messageId: 'sudo', line: 3, column: 5, suggestions: [{ output: lines('FROM ubuntu:24.04', 'USER app', 'RUN make install') }] }],
      output: null,
    },
    {
      name: 'a base image the tool does not know may run as anyone: only a suggestion (a "safe" removal broke a build)',
      code: lines('FROM registry.example.com/team/builder:1.4.2', 'RUN sudo apt-get install -y curl'),
      errors: [{ messageId: 'sudo', line: 2, column: 5, suggestions: [{ output: lines('FROM registry.example.com/team/builder:1.4.2', 'RUN apt-get install -y curl') }] }],
      output: null,
    },
    {
      name: 'an unknown base with an explicit USER root before the step: safe',
      code: lines('FROM registry.example.com/team/builder:1.4.2', 'USER root', 'RUN sudo make install'),
      errors: [{ messageId: 'sudo', line: 3, column: 5 }],
      output: lines('FROM registry.example.com/team/builder:1.4.2', 'USER root', 'RUN make install'),
    },
    {
      name: 'sudo with other options: no rewrite',
      code: lines('FROM ubuntu:24.04', 'RUN sudo -E make install'),
      errors: [{ messageId: 'sudo', line: 2, column: 5, suggestions: [] }],
      output: null,
    },
  ],
});
