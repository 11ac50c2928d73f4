import rule from '../../server/src/rules/image-signing-missing';
import { lines, runRuleTests } from '../ruleTester';

const WF = '.github/workflows/release.yml';

runRuleTests(rule, {
  valid: [
    {
      name: 'a GitLab merge request preview push: throwaway, not reported',
      filePath: '.gitlab-ci.yml',
      code: lines('preview:', '  script:', '    - docker build -t $CI_REGISTRY_IMAGE:mr-$CI_MERGE_REQUEST_IID .', '    - docker push $CI_REGISTRY_IMAGE:mr-$CI_MERGE_REQUEST_IID'),
    },
    // A pipeline named for tests pushes tags for its runners, not releases (reviewers: noise).
    {
      name: 'a test pipeline that builds and pushes',
      filePath: '.github/workflows/e2e-tests.yml',
      code: lines('jobs:', '  e2e:', '    steps:', '      - run: docker build -t ghcr.io/acme/app:e2e-${{ github.sha }} . && docker push ghcr.io/acme/app:e2e-${{ github.sha }}'),
    },
    {
      name: 'cosign installed and used',
      filePath: WF,
      code: lines(
        'jobs:',
        '  r:',
        '    steps:',
        '      - run: docker push ghcr.io/org/app:1.0.0',
        '      - uses: sigstore/cosign-installer@v3.7.0',
        '      - run: cosign sign --yes ghcr.io/org/app:1.0.0',
      ),
    },
    { name: 'Content Trust', filePath: WF, code: lines('jobs:', '  r:', '    steps:', '      - run: docker push org/app:1.0.0', '        env:', '          DOCKER_CONTENT_TRUST: 1') },
    { name: 'built but not pushed', filePath: WF, code: lines('jobs:', '  r:', '    steps:', '      - run: docker build -t app .') },
  ],
  invalid: [
    {
      name: "a nightly pipeline's push (listmonk's nightly.yml): info, named as the channel it is",
      filePath: '.github/workflows/nightly.yml',
      code: lines('on:', '  schedule:', '    - cron: "0 2 * * *"', 'jobs:', '  n:', '    steps:', '      - run: docker push org/app:nightly'),
      errors: [{ messageId: 'unsignedPreRelease', line: 7, column: 14, severity: 'info', message: /pushes nightly images/ }],
      output: null,
    },
    {
      name: 'build-push-action: sign the pushed digest, add an id and id-token permission',
      filePath: WF,
      code: lines(
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    permissions:',
        '      contents: read',
        '      packages: write',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          push: true',
        '          tags: ghcr.io/org/app:1.0.0',
      ),
      errors: [
        {
          messageId: 'unsigned',
          line: 8,
          column: 15,
          suggestions: [
            {
              output: lines(
                'jobs:',
                '  release:',
                '    runs-on: ubuntu-latest',
                '    permissions:',
                '      contents: read',
                '      packages: write',
                '      id-token: write',
                '    steps:',
                '      - uses: docker/build-push-action@v6',
                '        id: build-image',
                '        with:',
                '          push: true',
                '          tags: ghcr.io/org/app:1.0.0',
                '      - name: Install cosign',
                '        uses: sigstore/cosign-installer@v3.7.0',
                "      - name: Sign the image (keyless, with this workflow's identity)",
                '        run: cosign sign --yes "ghcr.io/org/app@${{ steps.build-image.outputs.digest }}"',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'docker push without permissions anywhere: a job-level block is added (and the title says so)',
      filePath: WF,
      code: lines('jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - run: docker push ghcr.io/org/app:1.0.0'),
      errors: [
        {
          messageId: 'unsigned',
          line: 5,
          column: 14,
          suggestions: [
            {
              title: /check them/,
              output: lines(
                'jobs:',
                '  release:',
                '    runs-on: ubuntu-latest',
                '    permissions:',
                '      contents: read',
                '      packages: write',
                '      id-token: write',
                '    steps:',
                '      - run: docker push ghcr.io/org/app:1.0.0',
                '      - name: Install cosign',
                '        uses: sigstore/cosign-installer@v3.7.0',
                "      - name: Sign the image (keyless, with this workflow's identity)",
                '        run: cosign sign --yes "ghcr.io/org/app:1.0.0"',
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'push through outputs= or a conditional push (seen in the corpus): one finding for the pipeline, on its first push',
      filePath: WF,
      code: lines(
        'jobs:',
        '  r:',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          outputs: type=image,name=ghcr.io/org/app,push-by-digest=true,push=true',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        "          push: ${{ github.event_name != 'pull_request' }}",
      ),
      errors: [{ messageId: 'unsignedMany', line: 4, column: 15, message: /\(2 push steps in this pipeline\)/, suggestions: [] }],
      output: null,
    },
    {
      name: 'GitLab push job: a signing job after it',
      filePath: '.gitlab-ci.yml',
      code: lines('publish:', '  stage: deploy', '  script:', '    - docker push registry.example.com/app:1.0.0'),
      errors: [
        {
          messageId: 'unsigned',
          line: 4,
          column: 5,
          suggestions: [
            {
              output: lines(
                'publish:',
                '  stage: deploy',
                '  script:',
                '    - docker push registry.example.com/app:1.0.0',
                '',
                'sign-publish:',
                '  stage: deploy',
                '  needs: ["publish"]',
                '  image: cgr.dev/chainguard/cosign:latest',
                '  id_tokens:',
                '    SIGSTORE_ID_TOKEN:',
                '      aud: sigstore',
                '  script:',
                '    - cosign sign --yes "registry.example.com/app:1.0.0"',
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
      name: 'Azure: cosign in a script step',
      filePath: 'azure-pipelines.yml',
      code: lines('steps:', '  - task: Docker@2', '    inputs:', '      command: buildAndPush', '      repository: org/app', '  - script: cosign sign --yes org/app@$(digest)'),
    },
    { name: 'Jenkinsfile: Content Trust on the push', filePath: 'Jenkinsfile', code: lines('node {', "  withEnv(['DOCKER_CONTENT_TRUST=1']) {", "    sh 'docker push org/app:1'", '  }', '}') },
    { name: 'a Jenkinsfile that only tests', filePath: 'Jenkinsfile', code: lines('node {', "  sh 'npm test'", '}') },
  ],
  invalid: [
    {
      name: 'Bitbucket: an ECR push pipe, nothing signs',
      filePath: 'bitbucket-pipelines.yml',
      code: lines(
        'pipelines:',
        '  default:',
        '    - step:',
        '        script:',
        '          - docker build -t app .',
        '          - pipe: atlassian/aws-ecr-push-image:2.4.2',
        '            variables:',
        '              IMAGE_NAME: app',
      ),
      errors: [{ messageId: 'unsigned', line: 5, column: 11 }],
      output: null,
    },
    {
      name: 'Jenkinsfile: the Docker Pipeline plugin pushes',
      filePath: 'Jenkinsfile',
      code: lines('node {', '  def image = docker.build("org/app:${env.BUILD_ID}")', '  image.push()', '}'),
      errors: [{ messageId: 'unsigned', line: 3, column: 8 }],
      output: null,
    },
  ],
});
