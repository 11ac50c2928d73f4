/**
 * Image roles: whether what a Dockerfile or stage builds ships. A finding about what runs in
 * production (root user, health check, toolchain, base size) is worth a warning on a shipped
 * service and noise on a test helper, a dev image or a builder stage, so each rule declares what
 * it does per role (`RuleMeta.roles`) and the linter applies it.
 *
 * The role is judged from the evidence a reviewer uses, strongest first: the user's word (a
 * `# hardening-role: <role>` comment, the config file's `roles`), a dev-container folder, the file's
 * name (`Dockerfile.dev`, `test.Dockerfile`, `Dockerfile.base`), other Dockerfiles that build FROM
 * it, a pipeline that pushes it, the compose file that builds it (`docker-compose.test.yml`), and
 * its folders (`test/`, `e2e/`, `ci/`). With no evidence a Dockerfile ships. Each judgement carries
 * its reason, shown in the hover, the JSON output and `dockerfile-hardening roles`.
 *
 * Pure: the facts that need the file system (declarations, the FROM graph, config) come in as
 * `RoleFacts`, gathered by the CLI or the server.
 */
import type { DockerfileModel, Stage } from './dockerfile/model';
import { commandForm } from './dockerfile/execForm';
import { keywordOf } from './dockerfile/instructions';
import { allCopies } from './dockerfile/copySources';
import { containerCommand, lineage, rootBase } from './dockerfile/stageLineage';
import { startsOnlyAShell } from './knowledge/baseImages';
import type { DocumentKind } from './fileKinds';
import { isScalar } from 'yaml';
import { composeServices, yamlGet } from './documents/documentChecks';
import type { DocumentModel } from './documents/documentModel';

import { IMAGE_ROLES, type ImageRole } from '../../../shared/ids';

export { IMAGE_ROLES, type ImageRole };

/** How each role reads in a sentence ("a test image"). */
export const ROLE_NAMES: Record<ImageRole, string> = {
  service: 'a shipped service or app image',
  base: 'a base image other images build on',
  build: 'a build-only stage',
  test: 'a test image',
  dev: 'a development image',
  tool: 'a CI or tool image',
};

export interface RoleJudgement {
  role: ImageRole;
  /** The evidence, as a clause: "its folder is test/". */
  why: string;
  /**
   * For a build-only stage whose output reaches only images that do not ship (the builder of a
   * test harness): their roles. A finding there is worth no more than it would be in them.
   */
  feeds?: ImageRole[];
}

/** A build of the Dockerfile that a compose file or pipeline declares. */
export interface DeclaredBuild {
  /** The declaring file, relative to the repository or as the caller names it. */
  declaredIn: string;
  /** The compose service that builds it. */
  service?: string;
  /** The stage built (`target:`, `--target`); absent: the final stage. */
  target?: string;
  /** The pipeline pushes what it builds. */
  pushes?: boolean;
}

export interface RoleFacts {
  /**
   * The Dockerfile's path from the repository root (the folder holding `.git`, else the folder
   * the run started in): folder names above the repository (`/home/me/dev/…`) are no evidence.
   */
  repositoryPath?: string;
  /** The role the config file gives this path, with the file's name. */
  configured?: { role: ImageRole; source: string };
  /** Other Dockerfiles that build FROM the image this one builds. */
  baseOf?: string[];
  /** Those of `baseOf` that a pipeline pushes. */
  pushedBaseOf?: string[];
  /** Compose files and pipelines that build this Dockerfile. */
  builds?: DeclaredBuild[];
  /** Images this Dockerfile builds FROM that the repository builds itself (repository names, `org/base`). */
  builtHere?: string[];
  /** For each of `builtHere`: the image its Dockerfile first builds FROM (what OS it is). */
  builtHereFrom?: Record<string, string>;
  /** A compose service that runs this Dockerfile's image by name with a health check of its own: the service and the file. */
  composeHealthcheck?: { service: string; declaredIn: string };
  /** For a compose file: the Dockerfiles its services build, as repository paths. */
  buildsDockerfiles?: string[];
  /** The bot that moves the repository's base image tags to newer releases, or 'none' (config/updateBots.ts). */
  baseImageUpdates?: BaseImageUpdates;
}

export type BaseImageUpdates = 'dependabot' | 'renovate' | 'none';

const ROLE_COMMENT = /^\s*#\s*hardening-role\s*[:=]\s*([a-z]+)\s*$/i;

/** `# hardening-role: test`: the user's word for the file, anywhere in it. */
export function roleComment(model: DockerfileModel): { role: ImageRole; line: number } | null {
  for (const comment of model.ast.getComments()) {
    const line = comment.getRange().start.line;
    const match = ROLE_COMMENT.exec(model.source.lineText(line));
    if (match && (IMAGE_ROLES as readonly string[]).includes(match[1].toLowerCase())) return { role: match[1].toLowerCase() as ImageRole, line };
  }
  return null;
}

// Names are matched as words of a file or folder name: `Dockerfile.dev`, `dev.Dockerfile`,
// `Dockerfile-e2e`, `integration-tests/`.
const DEV_WORDS = /^(dev|devel|develop|development|local|debug|tilt)$/i;
const TEST_WORDS = /^(test|tests|tester|testing|e2e|integration|integration-tests|itest|spec|specs|suites?|coverage|mocks?|fixtures?|testdata|cypress|playwright|selenium|smoke|bench|benchmarks?)$/i;
const BASE_WORDS = /^(base|baseimage|base-image)$/i;
/**
 * An image of its own that builds what another copies out (`builder.dockerfile`,
 * `Dockerfile.build`), as before multi-stage builds. Only a file's own name: a `build/` folder
 * usually holds the release Dockerfile.
 */
const BUILD_WORDS = /^(build|builder)$/i;
const TOOL_WORDS = /^(ci|cicd|\.ci|\.github|\.gitlab|\.circleci|\.buildkite|tools|tooling|hack|lint|linter|packaging)$/i;
/** Only a file's own name: `Dockerfile.make` is a Makefile's build environment; a `make-deploy/` folder says nothing. */
const OWN_TOOL_WORDS = /^(make|makefile)$/i;

function wordRole(word: string): ImageRole | null {
  if (DEV_WORDS.test(word)) return 'dev';
  if (TEST_WORDS.test(word)) return 'test';
  if (BASE_WORDS.test(word)) return 'base';
  if (TOOL_WORDS.test(word)) return 'tool';
  return null;
}

/** The words of a Dockerfile's own name besides "Dockerfile": `Dockerfile.e2e` → [e2e]. */
function nameWords(base: string): string[] {
  return base
    .replace(/(^|[._-])(dockerfile|containerfile)($|[._-])/gi, '.')
    .split(/[._-]+/)
    .filter(Boolean);
}

/**
 * The role a Dockerfile's path suggests, with why. `own` evidence (a dev-container folder, the
 * file's name) is the file's own word; a folder is weaker than a pipeline that pushes the image.
 */
function pathRole(filePath: string): (RoleJudgement & { own: boolean }) | null {
  const parts = filePath.replace(/\\/g, '/').split('/').filter(Boolean);
  const base = parts.pop() ?? '';
  if (parts.includes('.devcontainer')) return { role: 'dev', why: 'it is in .devcontainer/', own: true };
  for (const word of nameWords(base)) {
    const role = wordRole(word) ?? (BUILD_WORDS.test(word) ? 'build' : OWN_TOOL_WORDS.test(word) ? 'tool' : null);
    if (role) return { role, why: `its name says ${word}`, own: true };
  }
  // The nearest folder that says something wins: `deploy/test/Dockerfile` is a test image.
  for (let i = parts.length - 1; i >= 0; i--) {
    // A folder's whole name, or a word of it: `integration-tests/`, `discourse_dev/`.
    const role =
      wordRole(parts[i]) ??
      parts[i]
        .split(/[._-]+/)
        .map(wordRole)
        .find((r) => r !== null) ??
      null;
    if (role) return { role, why: `it is in the ${parts[i]}/ folder`, own: false };
  }
  return null;
}

/** Compose files for development or tests: `docker-compose.dev.yml`, `compose.test.yaml`, `docker-compose.override.yml`. */
function composeFileRole(name: string): ImageRole | null {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const words = base
    .replace(/\.ya?ml$/i, '')
    .split(/[._-]+/)
    .filter((w) => !/^(docker|compose)$/i.test(w));
  for (const word of words) {
    if (/^override$/i.test(word)) return 'dev';
    const role = wordRole(word);
    if (role === 'dev' || role === 'test') return role;
  }
  return null;
}

/**
 * What a compose file that builds an image says of it: its name (`docker-compose.dev.yml`), else
 * its folder (`dev/docker-compose.yml`, `tests/e2e/compose.yaml`) when that says dev or test.
 */
function composeDeclarationRole(declaredIn: string): ImageRole | null {
  const named = composeFileRole(declaredIn);
  if (named) return named;
  const folder = pathRole(declaredIn)?.role;
  return folder === 'dev' || folder === 'test' ? folder : null;
}

/**
 * Commands that only a developer's container runs: the source through its toolchain (`go run`,
 * `cargo run`), a reloading dev server (`npm run dev`, `nodemon`, `manage.py runserver`), or
 * nothing at all while someone works inside it (`sleep infinity`, `tail -f /dev/null`).
 */
function devCommand(words: readonly string[]): string | null {
  const [program = '', first = '', second = ''] = words.map((w) => w.split('/').pop() ?? w);
  const line = words.join(' ');
  if ((program === 'go' || program === 'cargo') && first === 'run') return `${program} run`;
  if (['nodemon', 'air', 'reflex', 'watchexec'].includes(program)) return program;
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(program) && /^(dev|watch|start:dev)$/.test(first === 'run' ? second : first)) return line;
  if ((program === 'next' || program === 'nuxt' || program === 'vite') && (first === 'dev' || first === '')) return line;
  if (program === 'ng' && first === 'serve') return 'ng serve';
  if (/^python[\d.]*$/.test(program) && first.endsWith('manage.py') && second === 'runserver') return 'manage.py runserver';
  if (program === 'sleep' && /^(infinity|inf)$/.test(first)) return line;
  if (program === 'tail' && words.includes('/dev/null') && words.includes('-f')) return line;
  return null;
}

/** The words the container starts with: ENTRYPOINT's, else CMD's (exec form, or shell form split on blanks). */
function startWords(model: DockerfileModel, stage: Stage): string[] {
  const { entrypoint, cmd } = containerCommand(stage);
  const words: string[] = [];
  for (const part of [entrypoint, cmd]) {
    if (!part) continue;
    const form = commandForm(model, part.instruction);
    const argv = form.kind === 'exec' ? form.argv : form.kind === 'shell' ? form.text.split(/\s+/) : [];
    // `CMD ["sleep infinity"]` is one word to Docker, and two to a reader.
    words.push(...argv.flatMap((w) => w.split(/\s+/)).filter((w) => w !== '' && !/^(sh|bash|\/bin\/sh|\/bin\/bash|-c|-ec|-lc|exec|tini|--|dumb-init)$/.test(w)));
  }
  return words;
}

/**
 * A final stage with no CMD or ENTRYPOINT of its own or from its stages starts no program of its
 * own when its base has none either: on scratch it is build output taken out with
 * `docker build --output` (AdGuardHome's export stages: nothing can run in it); on an official OS
 * or language image, whose command is a shell or a REPL, it is run with a command (a tool, a
 * builder, a base for other repositories). Neither is deployed as a service.
 */
function startsNoProgram(stage: Stage): RoleJudgement | null {
  const { entrypoint, cmd } = containerCommand(stage);
  if (entrypoint || cmd || lineage(stage).some((s) => s.instructions.some((i) => keywordOf(i) === 'EXPOSE'))) return null;
  const base = rootBase(stage);
  // Files only (COPY, ARG, LABEL): an export. An ENV or USER configures something to run (.NET's chiseled bases).
  const filesOnly = lineage(stage).every((s) => s.instructions.every((i) => ['COPY', 'ADD', 'ARG', 'LABEL'].includes(keywordOf(i) ?? '')));
  if (base.isScratch) return filesOnly ? { role: 'build', why: 'it only copies files onto scratch, with no CMD or ENTRYPOINT: its files are build output, and nothing runs in it' } : null;
  if (base.ref && startsOnlyAShell(base.ref)) return { role: 'tool', why: `it sets no CMD or ENTRYPOINT on ${base.text}, so it starts no program of its own: it is run with a command` };
  return null;
}

/** The role of the Dockerfile as a whole: what its final stage (and what builds on it) is for. */
export function fileRole(model: DockerfileModel, filePath: string | null, facts: RoleFacts | null): RoleJudgement {
  const comment = roleComment(model);
  if (comment) return { role: comment.role, why: `the comment on line ${comment.line + 1} says so` };
  if (facts?.configured) return { role: facts.configured.role, why: `${facts.configured.source} says so` };
  const where = facts?.repositoryPath ?? filePath;
  const path = where ? pathRole(where) : null;
  if (path?.own) return { role: path.role, why: path.why };
  const finalBuilds = (facts?.builds ?? []).filter((b) => !b.target || b.target === model.finalStage?.alias);
  const pushed = finalBuilds.find((b) => b.pushes);
  // A pushed image that only images nobody pushes build on (wiki.js's OpenShift variant of its
  // release image) is the one that ships; a base is what the pushed images build on.
  if (facts?.baseOf?.length && (!pushed || facts.pushedBaseOf?.length)) {
    const [first, ...rest] = facts.baseOf;
    return { role: 'base', why: `${first}${rest.length ? ` and ${rest.length} more` : ''} build${rest.length ? '' : 's'} FROM it` };
  }
  if (pushed) return { role: 'service', why: `${pushed.declaredIn} pushes it` };
  const started = model.finalStage ? devCommand(startWords(model, model.finalStage)) : null;
  if (started) return { role: 'dev', why: `it starts ${started}, a development command` };
  const composed = finalBuilds.map((b) => ({ build: b, role: composeDeclarationRole(b.declaredIn) }));
  // Built by a production compose file too: it ships.
  const shipped = composed.find((c) => c.build.service !== undefined && c.role === null);
  if (shipped) return { role: 'service', why: `service "${shipped.build.service}" of ${shipped.build.declaredIn} builds it` };
  // A compose file's word only: a pipeline named for tests (netbird's test-infrastructure-files.yml)
  // builds the released images to test them, which makes them no test images.
  const devOrTest = composed.find((c) => c.role && c.build.service !== undefined);
  if (devOrTest) return { role: devOrTest.role!, why: `${devOrTest.build.declaredIn} builds it` };
  if (path) return { role: path.role, why: path.why };
  // Only with the repository in view: a Dockerfile seen alone (stdin, a scratch file) may simply
  // not have its CMD yet.
  const noProgram = facts && model.finalStage ? startsNoProgram(model.finalStage) : null;
  if (noProgram) return noProgram;
  return { role: 'service', why: 'nothing says it does not ship' };
}

/**
 * The role of a compose file or dev container: what the containers it starts are for. A test
 * environment's compose file (`tests/e2e/docker-compose.yml`, `docker-compose.test.yml`,
 * `.ci/compose.cypress.yaml`) starts throwaway containers on a developer's machine or a CI runner,
 * and a dev container is a developer's own; the user's word (config `roles`) comes first. Null:
 * nothing says, so the file is judged as a deployment. CI pipelines have no role: their folder
 * (`.github/`) says nothing about what they build.
 */
export function documentRole(kind: DocumentKind, filePath: string | null, facts: RoleFacts | null, document: DocumentModel | null = null): RoleJudgement | null {
  if (facts?.configured) return { role: facts.configured.role, why: `${facts.configured.source} says so` };
  if (kind === 'devcontainer') return { role: 'dev', why: 'it is a dev container' };
  if (kind !== 'compose') return null;
  const where = facts?.repositoryPath ?? filePath;
  if (!where) return null;
  const named = composeFileRole(where);
  if (named) return { role: named, why: `its name says ${named}` };
  const path = pathRole(where);
  if (path) return { role: path.role, why: path.why };
  const runner = document ? testRunnerService(document) : null;
  if (runner) return { role: 'test', why: `its service "${runner.service}" runs ${runner.image}, a browser test runner` };
  // Every image it builds is a dev or test image by its own name (watchtower's demo stack builds
  // dockerfiles/Dockerfile.dev-self-contained): the stack is that too.
  const built = (facts?.buildsDockerfiles ?? []).map((p) => ({ path: p, role: pathRole(p) }));
  const roles = new Set(built.map((b) => (b.role?.own ? b.role.role : null)));
  if (built.length > 0 && roles.size === 1) {
    const [role] = roles;
    if (role === 'dev' || role === 'test') return { role, why: `it builds only ${built.map((b) => b.path).join(', ')}, ${role === 'dev' ? 'a development image' : 'a test image'}` };
  }
  return null;
}

/** Browser test runners: a compose file that starts one is an end-to-end test environment (dozzle's root docker-compose.yml). */
const TEST_RUNNER_IMAGE = /(^|\/)(playwright|cypress|testcafe)(\/[\w.-]+)?(:|@|$)|(^|\/)selenium\/(standalone-[\w-]+|hub|node-[\w-]+)(:|@|$)/i;

function testRunnerService(document: DocumentModel): { service: string; image: string } | null {
  for (const { name, node } of composeServices(document)) {
    const image = yamlGet(node, 'image');
    if (isScalar(image) && TEST_RUNNER_IMAGE.test(String(image.value))) return { service: name, image: String(image.value).split(/[:@]/)[0] };
  }
  return null;
}

const cache = new WeakMap<DockerfileModel, Map<Stage, RoleJudgement>>();

/**
 * The role of every stage. The final stage and the stages it builds on (`FROM <stage>`, whose
 * layers it carries) take the file's role. A stage a compose file or pipeline builds with
 * `target:` takes the role that declaration gives it, or else its name's (`AS dev`, `AS test`).
 * Any other stage is build-only: only what is copied from it reaches an image.
 */
export function stageRoles(model: DockerfileModel, filePath: string | null, facts: RoleFacts | null): Map<Stage, RoleJudgement> {
  const cached = cache.get(model);
  if (cached) return cached;
  const roles = new Map<Stage, RoleJudgement>();
  const file = fileRole(model, filePath, facts);
  const userSaid = roleComment(model) !== null || facts?.configured !== undefined;
  const assign = (stage: Stage, judgement: RoleJudgement) => {
    for (const s of lineage(stage)) if (!roles.has(s)) roles.set(s, s === stage ? judgement : { role: judgement.role, why: `stage ${stage.alias ?? stage.index} builds on it, and ${judgement.why}` });
  };
  if (model.finalStage) assign(model.finalStage, model.finalStage.alias && !userSaid ? (stageNameRole(model.finalStage) ?? file) : file);
  for (const build of facts?.builds ?? []) {
    if (!build.target) continue;
    const stage = model.stages.find((s) => s.alias?.toLowerCase() === build.target!.toLowerCase());
    if (!stage || roles.has(stage)) continue;
    const declared = composeDeclarationRole(build.declaredIn);
    const named = stageNameRole(stage);
    if (declared) assign(stage, { role: declared, why: `${build.declaredIn} builds it` });
    else if (named) assign(stage, named);
    // A pipeline that builds a stage and does not push it runs it there (tests, linters) or
    // exports its files: it ships no more than the file does.
    else if (build.service === undefined && !build.pushes) assign(stage, { role: file.role, why: `${build.declaredIn} builds it without pushing it, and ${file.why}` });
    else assign(stage, { role: build.pushes ? 'service' : file.role === 'base' ? 'base' : 'service', why: `${build.declaredIn} builds it${build.pushes ? ' and pushes it' : ''}` });
  }
  for (const stage of model.stages) {
    if (roles.has(stage)) continue;
    assign(stage, stageNameRole(stage) ?? { role: 'build', why: 'only what later stages copy from it reaches an image' });
  }
  markWhatBuildStagesFeed(model, roles);
  cache.set(model, roles);
  return roles;
}

const SHIPS: ReadonlySet<ImageRole> = new Set(['service', 'base']);

/**
 * A build-only stage whose output (a stage built FROM it, a COPY --from it) reaches only test,
 * dev or tool images gets `feeds`: semaphore's Dredd harness downloads its tool with curl | sh in
 * a builder, and that matters as much as it would in the harness itself.
 */
function markWhatBuildStagesFeed(model: DockerfileModel, roles: Map<Stage, RoleJudgement>): void {
  const users = new Map<Stage, Stage[]>();
  const addUser = (used: Stage | undefined, user: Stage) => {
    if (used && used !== user) users.set(used, [...(users.get(used) ?? []), user]);
  };
  for (const stage of model.stages) addUser(stage.parent ?? undefined, stage);
  for (const copy of allCopies(model)) if (copy.from !== null) addUser(stageNamed(model, copy.from), copy.stage);
  for (const stage of model.stages) {
    const judgement = roles.get(stage);
    if (judgement?.role !== 'build') continue;
    const reached = new Set<ImageRole>();
    const seen = new Set<Stage>([stage]);
    const queue = [...(users.get(stage) ?? [])];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const role = roles.get(next)?.role;
      if (role === 'build') queue.push(...(users.get(next) ?? []));
      else if (role) reached.add(role);
    }
    if (reached.size === 0 || [...reached].some((r) => SHIPS.has(r))) continue;
    const feeds = [...reached];
    roles.set(stage, { ...judgement, feeds, why: `${judgement.why}, and its output only reaches ${feeds.map((r) => ROLE_NAMES[r]).join(' or ')}` });
  }
}

/** The stage a `--from` value names: its name, or its index. */
function stageNamed(model: DockerfileModel, from: string): Stage | undefined {
  if (/^\d+$/.test(from)) return model.stages[Number(from)];
  return model.stages.find((s) => s.alias?.toLowerCase() === from.toLowerCase());
}

/** A stage named for what it is: `AS dev`, `AS test`, `AS e2e-tests`. */
function stageNameRole(stage: Stage): RoleJudgement | null {
  if (!stage.alias) return null;
  for (const word of stage.alias.split(/[._-]+/)) {
    const role = wordRole(word);
    if (role === 'dev' || role === 'test') return { role, why: `the stage is named ${stage.alias}` };
  }
  return null;
}

/** The stage a line belongs to: the last one whose FROM is on or before it (the final stage's role for global ARGs). */
export function stageAtLine(model: DockerfileModel, line: number): Stage | null {
  let found: Stage | null = null;
  for (const stage of model.stages) {
    if (stage.from.getRange().start.line <= line) found = stage;
    else break;
  }
  return found ?? model.finalStage;
}
