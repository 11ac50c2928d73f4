import rule from '../../server/src/rules/image-scan-missing';
import { lines, runRuleTests } from '../ruleTester';

const WF = '.github/workflows/release.yml';

runRuleTests(rule, {
  valid: [
    {
      // homarr's ci.yml: a homarr-test:pr-N preview, deleted when the pull request closes.
      name: 'a pull-request preview push only: throwaway, the release push carries the finding',
      filePath: WF,
      code: lines('jobs:', '  ci:', '    steps:', '      - name: Push preview image', "        if: steps.preview.outputs.tag != ''", '        run: docker push "ghcr.io/org/app-test:${PREVIEW_TAG}"'),
    },
    // A pipeline named for tests pushes tags for its runners, not releases (reviewers: noise).
    {
      name: 'a test pipeline that builds and pushes',
      filePath: '.github/workflows/e2e-tests.yml',
      code: lines('jobs:', '  e2e:', '    steps:', '      - run: docker build -t ghcr.io/acme/app:e2e-${{ github.sha }} . && docker push ghcr.io/acme/app:e2e-${{ github.sha }}'),
    },
    // An image only built (for tests on the runner) goes nowhere: reviewers judged all such findings noise.
    {
      name: 'docker build in a run step, not pushed',
      filePath: WF,
      code: lines('jobs:', '  ci:', '    steps:', '      - run: |', '          docker build -t app:ci .', '          docker run --rm app:ci npm test'),
    },
    // zabbix caches built images between jobs with `podman push … dir:`: a copy to the runner's disk.
    {
      name: 'a push to a local transport (dir:, oci-archive:) publishes nothing',
      filePath: WF,
      code: lines(
        'jobs:',
        '  build:',
        '    steps:',
        '      - run: |',
        '          podman build -t zabbix-agent:7.0 .',
        '          podman push zabbix-agent:7.0 dir:/tmp/cache/agent',
        '          buildah push zabbix-agent:7.0 oci-archive:/tmp/agent.tar',
      ),
    },
    // Found on real repositories (linkding, docker-mailserver).
    {
      name: 'a cache-only build makes no image',
      filePath: WF,
      code: lines('jobs:', '  cache:', '    steps:', '      - uses: docker/build-push-action@v6', '        with:', '          outputs: type=cacheonly'),
    },
    {
      name: 'the scan is in a reusable workflow this one calls',
      filePath: WF,
      code: lines(
        'jobs:',
        '  build:',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          push: true',
        '  scan:',
        '    uses: ./.github/workflows/generic_vulnerability-scan.yml',
      ),
    },
    {
      name: 'build, then Trivy',
      filePath: WF,
      code: lines(
        'on: push',
        'jobs:',
        '  image:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          tags: ghcr.io/org/app:1.0.0',
        '      - uses: aquasecurity/trivy-action@0.28.0',
        '        with:',
        '          image-ref: ghcr.io/org/app:1.0.0',
      ),
    },
    { name: 'scanner in a run step', filePath: WF, code: lines('jobs:', '  b:', '    steps:', '      - run: docker build -t app:ci . && grype app:ci --fail-on high') },
    { name: 'no image built', filePath: WF, code: lines('jobs:', '  t:', '    steps:', '      - run: npm test') },
    {
      name: 'GitLab template included',
      filePath: '.gitlab-ci.yml',
      code: lines('include:', '  - template: Jobs/Container-Scanning.gitlab-ci.yml', 'build:', '  script:', '    - docker build -t $IMAGE .', '    - docker push $IMAGE'),
    },
  ],
  invalid: [
    {
      name: "a dev pipeline's push (dozzle's dev.yml, branch and PR tags): info, named as the channel it is",
      filePath: '.github/workflows/dev.yml',
      code: lines('jobs:', '  d:', '    steps:', '      - run: docker push org/app:master'),
      errors: [{ messageId: 'pushedPreRelease', line: 4, column: 14, severity: 'info', message: /pushes dev images/ }],
      output: null,
    },
    {
      // netbird's release.yml: one step tags pull requests pr-N and main sha-…: a release push.
      name: 'a step that pushes pull-request tags and branch tags is a release push',
      filePath: WF,
      code: lines(
        'jobs:',
        '  r:',
        '    steps:',
        '      - run: |',
        '          if [[ "$GITHUB_EVENT_NAME" == "pull_request" ]]; then tag="pr-${{ github.event.pull_request.number }}"; elif [[ "$GITHUB_REF" == "refs/heads/main" ]]; then tag=main; fi',
        '          docker push "org/app:$tag"',
      ),
      errors: [{ messageId: 'pushed', line: 4, column: 14, severity: 'warning' }],
      output: null,
    },
    {
      name: 'a release push next to a preview push: the warning is on the release',
      filePath: WF,
      code: lines('jobs:', '  ci:', '    steps:', '      - run: docker push org/app:pr-${{ github.event.number }}', '      - run: docker push org/app:${{ github.ref_name }}'),
      errors: [{ messageId: 'pushed', line: 5, column: 14, severity: 'warning' }],
      output: null,
    },
    {
      name: 'build-push-action without a scan: add Trivy after it',
      filePath: WF,
      code: lines(
        'jobs:',
        '  image:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - name: Build and push',
        '        uses: docker/build-push-action@v6',
        '        with:',
        '          push: true',
        '          tags: ghcr.io/org/app:${{ github.sha }}',
        '      - run: echo done',
      ),
      errors: [
        {
          messageId: 'pushed',
          line: 7,
          column: 15,
          suggestions: [
            {
              output: lines(
                'jobs:',
                '  image:',
                '    runs-on: ubuntu-latest',
                '    steps:',
                '      - uses: actions/checkout@v4',
                '      - name: Build and push',
                '        uses: docker/build-push-action@v6',
                '        with:',
                '          push: true',
                '          tags: ghcr.io/org/app:${{ github.sha }}',
                '      - name: Scan the image for vulnerabilities',
                '        uses: aquasecurity/trivy-action@0.28.0',
                '        with:',
                '          image-ref: ghcr.io/org/app:${{ github.sha }}',
                "          exit-code: '1'",
                '          ignore-unfixed: true',
                '          severity: CRITICAL,HIGH',
                '      - run: echo done',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'GitLab kaniko job: include GitLab container scanning',
      filePath: '.gitlab-ci.yml',
      code: lines('build:', '  image:', '    name: gcr.io/kaniko-project/executor:v1.23.2-debug', '  script:', '    - /kaniko/executor --context . --destination=registry.example.com/app:1.0.0'),
      errors: [
        {
          messageId: 'pushed',
          line: 5,
          column: 5,
          suggestions: [
            {
              output: lines(
                'build:',
                '  image:',
                '    name: gcr.io/kaniko-project/executor:v1.23.2-debug',
                '  script:',
                '    - /kaniko/executor --context . --destination=registry.example.com/app:1.0.0',
                '',
                'include:',
                '  - template: Jobs/Container-Scanning.gitlab-ci.yml',
                '',
                'container_scanning:',
                '  variables:',
                '    CS_IMAGE: registry.example.com/app:1.0.0',
              ),
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

// Best-effort CI systems: findings, no fixes.
runRuleTests(rule, {
  valid: [
    {
      name: 'Azure: Docker@2 then a Trivy task',
      filePath: 'azure-pipelines.yml',
      code: lines('steps:', '  - task: Docker@2', '    inputs:', '      command: buildAndPush', '      repository: org/app', '  - task: trivy@1', '    inputs:', '      image: org/app'),
    },
    {
      name: 'CircleCI: the snyk orb scans',
      filePath: '.circleci/config.yml',
      code: lines(
        'version: 2.1',
        'jobs:',
        '  image:',
        '    steps:',
        '      - run: docker build -t org/app:1 . && docker push org/app:1',
        '      - snyk/scan:',
        '          docker-image-name: org/app:1',
      ),
    },
    {
      name: 'Bitbucket: trivy pipe',
      filePath: 'bitbucket-pipelines.yml',
      code: lines(
        'pipelines:',
        '  default:',
        '    - step:',
        '        script:',
        '          - docker build -t org/app:1 .',
        '          - pipe: aquasec/trivy-pipe:1.0.0',
        '          - docker push org/app:1',
      ),
    },
    {
      name: 'Jenkinsfile: grype after the build',
      filePath: 'Jenkinsfile',
      code: lines('pipeline {', '  stages {', "    stage('image') {", '      steps { sh \'docker build -t org/app:1 . && docker push org/app:1\'; sh "grype org/app:1" }', '    }', '  }', '}'),
    },
  ],
  invalid: [
    {
      name: 'Azure: Docker@2 buildAndPush without a scan, reported on the task',
      filePath: 'azure-pipelines.yml',
      code: lines(
        'stages:',
        '  - stage: build',
        '    jobs:',
        '      - job: image',
        '        steps:',
        '          - task: Docker@2',
        '            inputs:',
        '              command: buildAndPush',
        '              repository: org/app',
      ),
      errors: [{ messageId: 'pushed', line: 6, column: 19 }],
      output: null,
    },
    {
      name: 'CircleCI: the docker orb publishes without a scan',
      filePath: '.circleci/config.yml',
      code: lines('version: 2.1', 'orbs:', '  docker: circleci/docker@2.8.1', 'jobs:', '  image:', '    steps:', '      - checkout', '      - docker/publish:', '          image: org/app'),
      errors: [{ messageId: 'pushed', line: 8, column: 9 }],
      output: null,
    },
    {
      name: 'Bitbucket: docker push in a step script',
      filePath: 'bitbucket-pipelines.yml',
      code: lines(
        'pipelines:',
        '  branches:',
        '    main:',
        '      - step:',
        '          name: image',
        '          script:',
        '            - docker build -t org/app:$BITBUCKET_COMMIT .',
        '            - docker push org/app:$BITBUCKET_COMMIT',
      ),
      errors: [{ messageId: 'pushed', line: 7, column: 13 }],
      output: null,
    },
    {
      name: 'Jenkinsfile: a triple-quoted sh step builds and pushes; docker.build too',
      filePath: 'Jenkinsfile',
      code: lines(
        'pipeline {',
        '  agent any',
        '  stages {',
        "    stage('image') {",
        '      steps {',
        '        sh """',
        '          docker build -t org/app:${env.BUILD_ID} .',
        '          docker push org/app:${env.BUILD_ID}',
        '        """',
        '      }',
        '    }',
        '  }',
        '}',
      ),
      errors: [{ messageId: 'pushed', line: 6, column: 9 }],
      output: null,
    },
  ],
});
