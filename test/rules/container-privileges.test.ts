import rule from '../../server/src/rules/container-privileges';
import { lines, runRuleTests } from '../ruleTester';

const COMPOSE = 'compose.yaml';
const DEVCONTAINER = '.devcontainer/devcontainer.json';

runRuleTests(rule, {
  valid: [
    {
      name: 'an ordinary service',
      filePath: COMPOSE,
      code: lines('services:', '  web:', '    image: nginx:1.27.0', '    privileged: false', '    network_mode: bridge', '    cap_add: [NET_BIND_SERVICE]'),
    },
    {
      name: 'an ordinary dev container',
      filePath: DEVCONTAINER,
      code: lines('{', '  // comments are fine', '  "image": "mcr.microsoft.com/devcontainers/base:1.2.3",', '  "runArgs": ["--init"],', '}'),
    },
    { name: 'a Dockerfile without privileged steps', code: lines('FROM a:1.0.0', 'RUN --security=sandbox make', 'RUN --network=none make test') },
    // A test compose file runs throwaway containers on a CI runner, as the thing under test needs (authelia's k3d).
    { name: 'privileged service of a test compose file', filePath: 'tests/docker-compose.yml', code: lines('services:', '  dind:', '    image: docker:27.0.3-dind', '    privileged: true') },
  ],
  invalid: [
    {
      name: 'RUN --security=insecure in a Dockerfile',
      code: lines('# syntax=docker/dockerfile:1-labs', 'FROM debian:12.8', 'RUN --security=insecure mount -t tmpfs none /mnt && echo ok'),
      errors: [{ messageId: 'insecureBuild', line: 3, column: 5 }],
      output: null,
    },
    {
      // A developer's compose file: still said, at info.
      name: 'privileged service of a dev compose file is info',
      filePath: 'docker-compose.dev.yml',
      code: lines('services:', '  dind:', '    image: docker:27.0.3-dind', '    privileged: true'),
      errors: [{ messageId: 'privileged', line: 4, column: 17, severity: 'info', suggestions: [{ output: lines('services:', '  dind:', '    image: docker:27.0.3-dind') }] }],
      output: null,
    },
    {
      name: "a host monitoring agent's pid: host is info: that is its documented setup (seen on wger)",
      filePath: COMPOSE,
      code: lines('services:', '  node_exporter:', '    image: prom/node-exporter:v1.8.2', '    pid: host', '  app:', '    image: acme/app:1.0.0', '    pid: host'),
      errors: [
        {
          messageId: 'hostNamespace',
          line: 4,
          column: 10,
          severity: 'info',
          suggestions: [{ output: lines('services:', '  node_exporter:', '    image: prom/node-exporter:v1.8.2', '  app:', '    image: acme/app:1.0.0', '    pid: host') }],
        },
        {
          messageId: 'hostNamespace',
          line: 7,
          column: 10,
          severity: 'warning',
          suggestions: [{ output: lines('services:', '  node_exporter:', '    image: prom/node-exporter:v1.8.2', '    pid: host', '  app:', '    image: acme/app:1.0.0') }],
        },
      ],
      output: null,
    },
    {
      name: 'privileged compose service: remove the line',
      filePath: COMPOSE,
      code: lines('services:', '  dind:', '    image: docker:27.0.3-dind', '    privileged: true', '    ports:', '      - "2375:2375"'),
      errors: [
        {
          messageId: 'privileged',
          line: 4,
          column: 17,
          severity: 'error',
          suggestions: [{ output: lines('services:', '  dind:', '    image: docker:27.0.3-dind', '    ports:', '      - "2375:2375"') }],
        },
      ],
      output: null,
    },
    {
      name: 'host namespaces and capabilities',
      filePath: 'docker-compose.yml',
      code: lines('services:', '  agent:', '    image: x:1.0.0', '    pid: host', '    network_mode: host', '    cap_add:', '      - SYS_ADMIN', '      - NET_BIND_SERVICE'),
      errors: [
        { messageId: 'hostNamespace', line: 4, column: 10, message: /process namespace/ },
        { messageId: 'hostNamespace', line: 5, column: 19, message: /network namespace/ },
        {
          messageId: 'capability',
          line: 7,
          column: 9,
          message: /SYS_ADMIN/,
          suggestions: [{ output: lines('services:', '  agent:', '    image: x:1.0.0', '    pid: host', '    network_mode: host', '    cap_add:', '      - NET_BIND_SERVICE') }],
        },
      ],
      output: null,
    },
    {
      name: 'privileged dev container, in JSONC with comments kept',
      filePath: DEVCONTAINER,
      code: lines('{', '  // Docker in Docker', '  "image": "x:1.0.0",', '  "privileged": true', '}'),
      errors: [{ messageId: 'privileged', line: 4, column: 17, suggestions: [{ output: lines('{', '  // Docker in Docker', '  "image": "x:1.0.0"', '}') }] }],
      output: null,
    },
    {
      name: 'compose security_opt that turns confinement off, with a suggestion to remove it',
      filePath: COMPOSE,
      code: lines('services:', '  app:', '    image: app:1.2.3', '    security_opt:', '      - apparmor:unconfined', '      - no-new-privileges:true'),
      errors: [
        {
          messageId: 'unconfined',
          line: 5,
          column: 9,
          message: /default AppArmor profile/,
          suggestions: [{ output: lines('services:', '  app:', '    image: app:1.2.3', '    security_opt:', '      - no-new-privileges:true') }],
        },
      ],
      output: null,
    },
    {
      name: 'ptrace for debuggers in a dev container is info (seen in the corpus); so is seccomp turned off next to it (navidrome), said as what it is',
      filePath: DEVCONTAINER,
      code: lines('{ "runArgs": ["--cap-add=SYS_PTRACE", "--security-opt", "seccomp=unconfined"] }'),
      errors: [
        { messageId: 'capability', line: 1, column: 15, severity: 'info', message: /memory of the container's other processes/ },
        { messageId: 'unconfined', line: 1, column: 39, severity: 'info', message: /default seccomp profile \(seccomp=unconfined\)/ },
      ],
      output: null,
    },
    {
      name: 'runArgs --privileged and --network=host',
      filePath: '.devcontainer.json',
      code: lines('{', '  "runArgs": ["--privileged", "--network=host"]', '}'),
      errors: [
        { messageId: 'privileged', line: 2, column: 15, suggestions: [{ output: lines('{', '  "runArgs": ["--network=host"]', '}') }] },
        { messageId: 'hostNamespace', line: 2, column: 31 },
      ],
      output: null,
    },
  ],
});

runRuleTests(rule, {
  valid: [
    {
      name: 'a pod with defaults',
      filePath: 'k8s/web.yaml',
      code: lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: web }',
        'spec:',
        '  containers:',
        '    - name: web',
        '      image: nginx:1.27.0',
        '      securityContext:',
        '        capabilities: { add: [NET_BIND_SERVICE] }',
      ),
    },
  ],
  invalid: [
    {
      name: 'a Deployment on the host network with a privileged container',
      filePath: 'k8s/node-agent.yaml',
      code: lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: agent',
        'spec:',
        '  template:',
        '    spec:',
        '      hostNetwork: true',
        '      containers:',
        '        - name: agent',
        '          image: example/agent:2.1.0',
        '          securityContext:',
        '            privileged: true',
        '            capabilities:',
        '              add: ["SYS_ADMIN"]',
      ),
      errors: [
        {
          messageId: 'hostNamespace',
          line: 8,
          column: 20,
          suggestions: [
            {
              output: lines(
                'apiVersion: apps/v1',
                'kind: Deployment',
                'metadata:',
                '  name: agent',
                'spec:',
                '  template:',
                '    spec:',
                '      containers:',
                '        - name: agent',
                '          image: example/agent:2.1.0',
                '          securityContext:',
                '            privileged: true',
                '            capabilities:',
                '              add: ["SYS_ADMIN"]',
              ),
            },
          ],
        },
        { messageId: 'privileged', line: 13, column: 25, severity: 'error' },
        { messageId: 'capability', line: 15, column: 21 },
      ],
      output: null,
    },
  ],
});
