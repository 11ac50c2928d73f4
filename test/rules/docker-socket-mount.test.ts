import rule from '../../server/src/rules/docker-socket-mount';
import { lines, runRuleTests } from '../ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'compose volumes that are not the socket', filePath: 'compose.yaml', code: lines('services:', '  web:', '    image: nginx:1.27.0', '    volumes:', '      - ./site:/usr/share/nginx/html:ro', '      - type: volume', '        source: data', '        target: /var/run/docker.sock') },
    { name: 'dev container without the socket', filePath: '.devcontainer/devcontainer.json', code: lines('{ "mounts": ["source=${localWorkspaceFolder},target=/work,type=bind"] }') },
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
      name: 'compose short syntax among other volumes: remove that item',
      filePath: 'docker-compose.yml',
      code: lines('services:', '  traefik:', '    image: traefik:3.1.0', '    volumes:', '      - ./traefik.yml:/etc/traefik/traefik.yml:ro', '      # the provider reads containers from the socket', '      - /var/run/docker.sock:/var/run/docker.sock:ro', '    ports:', '      - "80:80"'),
      errors: [{ messageId: 'composeVolume', line: 7, column: 9, message: /Service "traefik"/, suggestions: [{ output: lines('services:', '  traefik:', '    image: traefik:3.1.0', '    volumes:', '      - ./traefik.yml:/etc/traefik/traefik.yml:ro', '      # the provider reads containers from the socket', '    ports:', '      - "80:80"') }] }],
      output: null,
    },
    {
      name: 'compose long syntax, the only volume, with interpolation',
      filePath: 'compose.yaml',
      code: lines('services:', '  agent:', '    image: x:1.0.0', '    volumes:', '      - type: bind', '        source: ${DOCKER_SOCK:-/var/run/docker.sock}', '        target: /var/run/docker.sock', '    restart: always'),
      errors: [{ messageId: 'composeVolume', line: 5, column: 9, suggestions: [{ output: lines('services:', '  agent:', '    image: x:1.0.0', '    restart: always') }] }],
      output: null,
    },
    {
      name: 'compose flow style: reported, no line-based fix',
      filePath: 'compose.yaml',
      code: lines('services:', '  a:', '    image: x:1.0.0', '    volumes: ["/run/docker.sock:/run/docker.sock"]'),
      errors: [{ messageId: 'composeVolume', line: 4, column: 15, suggestions: [] }],
      output: null,
    },
    {
      name: 'devcontainer mounts, string and object forms',
      filePath: '.devcontainer/devcontainer.json',
      code: lines('{', '  "mounts": [', '    "source=/var/run/docker.sock,target=/var/run/docker-host.sock,type=bind",', '    { "source": "/var/run/docker.sock", "target": "/var/run/docker.sock", "type": "bind" }', '  ]', '}'),
      errors: [
        { messageId: 'devcontainer', line: 3, column: 5, suggestions: [{ output: lines('{', '  "mounts": [', '    { "source": "/var/run/docker.sock", "target": "/var/run/docker.sock", "type": "bind" }', '  ]', '}') }] },
        { messageId: 'devcontainer', line: 4, column: 5, suggestions: [{ output: lines('{', '  "mounts": [', '    "source=/var/run/docker.sock,target=/var/run/docker-host.sock,type=bind"', '  ]', '}') }] },
      ],
      output: null,
    },
    {
      name: 'devcontainer runArgs -v pair',
      filePath: '.devcontainer/devcontainer.json',
      code: lines('{', '  "runArgs": ["--init", "-v", "/var/run/docker.sock:/var/run/docker.sock"]', '}'),
      errors: [{ messageId: 'devcontainer', line: 2, column: 25, suggestions: [{ output: lines('{', '  "runArgs": ["--init"]', '}') }] }],
      output: null,
    },
    {
      name: 'docker run -v with the socket in a GitHub step',
      filePath: '.github/workflows/ci.yml',
      code: lines('jobs:', '  t:', '    steps:', '      - run: |', '          docker run --rm -v /var/run/docker.sock:/var/run/docker.sock aquasec/trivy:0.55.0 image app'),
      errors: [{ messageId: 'ciRun', line: 4, column: 14, severity: 'warning' }],
      output: null,
    },
    {
      name: 'docker run --mount in a GitLab job',
      filePath: '.gitlab-ci.yml',
      code: lines('test:', '  script:', '    - docker run --mount type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock x:1.0.0'),
      errors: [{ messageId: 'ciRun', line: 3, column: 5 }],
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

// Kubernetes manifests (multi-document) and the best-effort CI systems.
runRuleTests(rule, {
  valid: [
    { name: 'a hostPath that is not a socket', filePath: 'k8s/agent.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: logs', 'spec:', '  containers:', '    - name: c', '      image: busybox:1.36.1', '  volumes:', '    - name: logs', '      hostPath:', '        path: /var/log') },
    { name: 'not a Kubernetes object', filePath: 'deploy/values.yaml', code: lines('volumes:', '  - hostPath:', '      path: /var/run/docker.sock') },
  ],
  invalid: [
    {
      name: 'a DaemonSet in the second document mounts the socket; a CronJob mounts /var/run',
      filePath: 'deploy/k8s/agents.yaml',
      code: lines(
        'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', 'data: {}', '---',
        'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata:', '  name: agent', 'spec:', '  template:', '    spec:',
        '      containers:', '        - name: agent', '          image: example/agent:2.1.0',
        '      volumes:', '        - name: sock', '          hostPath:', '            path: /var/run/docker.sock', '            type: Socket',
        '---',
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: cleanup', 'spec:', '  jobTemplate:', '    spec:', '      template:', '        spec:',
        '          volumes:', '            - name: run', '              hostPath: { path: /run/ }',
      ),
      errors: [
        { messageId: 'hostPath', line: 20, column: 19 },
        { messageId: 'hostPath', line: 34, column: 33 },
      ],
      output: null,
    },
    {
      name: 'Azure: a script step runs a container with the socket',
      filePath: 'azure-pipelines.yml',
      code: lines('steps:', '  - script: docker run -v /var/run/docker.sock:/var/run/docker.sock example/tool:1.0.0'),
      errors: [{ messageId: 'ciRun', line: 2, column: 13, severity: 'warning' }],
      output: null,
    },
  ],
});
