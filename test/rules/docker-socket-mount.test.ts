import rule from '../../server/src/rules/docker-socket-mount';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'other volumes and mounts', code: lines('FROM a:1.0.0', 'VOLUME /data', 'RUN --mount=type=cache,target=/root/.cache pip install x', 'ENV DOCKER_HOST=tcp://docker:2376') },
  ],
  invalid: [
    {
      name: 'VOLUME of the socket',
      code: lines('FROM docker:27.0.3', 'VOLUME /var/run/docker.sock'),
      errors: [{ messageId: 'volume', line: 2, column: 8, suggestions: [{ output: lines('FROM docker:27.0.3') }] }],
      output: null,
    },
    {
      name: 'socket among other volumes',
      code: lines('FROM a:1.0.0', 'VOLUME /data /run/docker.sock /logs'),
      errors: [{ messageId: 'volume', line: 2, column: 14, suggestions: [{ output: lines('FROM a:1.0.0', 'VOLUME /data /logs') }] }],
      output: null,
    },
    {
      name: 'JSON VOLUME',
      code: lines('FROM a:1.0.0', 'VOLUME ["/var/run/docker.sock"]'),
      errors: [{ messageId: 'volume', line: 2, column: 1, suggestions: [{ output: lines('FROM a:1.0.0') }] }],
      output: null,
    },
    {
      name: 'RUN --mount bind of the socket',
      code: lines('FROM a:1.0.0', 'RUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker ps'),
      errors: [{ messageId: 'runMount', line: 2, column: 5, suggestions: [{ output: lines('FROM a:1.0.0', 'RUN docker ps') }] }],
      output: null,
    },
    {
      name: 'DOCKER_HOST on a unix socket',
      code: lines('FROM a:1.0.0', 'ENV DOCKER_HOST=unix:///var/run/docker.sock'),
      errors: [{ messageId: 'dockerHost', line: 2, column: 5, severity: 'warning', suggestions: [{ output: lines('FROM a:1.0.0') }] }],
      output: null,
    },
  ],
});
