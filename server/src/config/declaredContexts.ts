/**
 * Build contexts declared around a Dockerfile: compose files in its folder and the folders above
 * it, and the CI pipelines at the repository root (`.github/workflows/*`, `.gitlab-ci.yml`). The
 * search stops at the repository root (the folder holding `.git`) or after a bounded number of
 * levels. Each declaring file is parsed once and kept until its size or modification time
 * changes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { buildDeclarations, mayDeclareBuilds } from '../engine/documents/buildDeclarations';
import { composeImageHealthchecks, type ServiceHealthcheck } from '../engine/documents/composeBuilds';
import { repositoryName } from '../engine/knowledge/imageRef';
import { buildDocumentModel } from '../engine/documents/documentModel';
import { GORELEASER_FILE, goreleaserBuilds } from '../engine/documents/goreleaserBuilds';
import { fileKindOf } from '../engine/fileKinds';

const MAX_LEVELS = 12;
/** Declaring files larger than this are not read (a compose file is a few KB). */
const MAX_BYTES = 2 * 1024 * 1024;

interface CheckedImage {
  image: string;
  service: string;
  declaredIn: string;
}

interface Declared {
  dockerfile: string;
  context: string;
  healthcheck?: ServiceHealthcheck;
  /** The declaring file (absolute) and what it says of the build, for image roles. */
  declaredIn: string;
  service?: string;
  target?: string;
  image?: string;
  pushes?: boolean;
  servicesWithOwnCommands?: string[];
}

export class DeclaredContexts {
  private readonly parsed = new Map<string, { stamp: string; builds: Declared[]; checkedImages: CheckedImage[] }>();
  /** Declarations around each folder asked about, until clear(): sibling Dockerfiles share them. */
  private readonly around = new Map<string, Declared[]>();

  /** The context folder declared for this Dockerfile, when one is declared. */
  contextFor(dockerfilePath: string): string | null {
    const wanted = resolve(dockerfilePath);
    return this.declarationsAround(dirname(wanted)).find((d) => d.dockerfile === wanted)?.context ?? null;
  }

  /** The health check a compose service built from this Dockerfile has, if one does. */
  healthcheckFor(dockerfilePath: string): ServiceHealthcheck | null {
    const wanted = resolve(dockerfilePath);
    return this.declarationsAround(dirname(wanted)).find((d) => d.dockerfile === wanted && d.healthcheck)?.healthcheck ?? null;
  }

  /**
   * Compose services that run this Dockerfile's image with commands of their own (server, worker,
   * scheduler), as one compose file declares them; null when no file does.
   */
  servicesWithOwnCommandsFor(dockerfilePath: string): string[] | null {
    const wanted = resolve(dockerfilePath);
    return this.declarationsAround(dirname(wanted)).find((d) => d.dockerfile === wanted && d.servicesWithOwnCommands)?.servicesWithOwnCommands ?? null;
  }

  /** The Dockerfiles a compose file or pipeline builds (absolute paths). */
  dockerfilesBuiltBy(declaringFile: string): string[] {
    const wanted = resolve(declaringFile);
    return [
      ...new Set(
        this.declarationsAround(dirname(wanted))
          .filter((d) => d.declaredIn === wanted)
          .map((d) => d.dockerfile),
      ),
    ];
  }

  /**
   * A compose service around this Dockerfile that runs one of these images by name with a health
   * check of its own, with the file that says so. Compose files are parsed by declarationsAround.
   */
  imageHealthcheckFor(dockerfilePath: string, images: readonly string[]): CheckedImage | null {
    if (images.length === 0) return null;
    const wanted = new Set(images);
    const folder = dirname(resolve(dockerfilePath));
    // Parses every declaring file around the folder (cached), including compose files that build nothing.
    this.declarationsAround(folder);
    for (const file of this.foldersAround(folder).flatMap(declaringFiles)) {
      const checked = this.parsed.get(file)?.checkedImages.find((c) => wanted.has(repositoryName(c.image)));
      if (checked) return checked;
    }
    return null;
  }

  /** The folder and its ancestors up to the repository root, as declarationsAround walks them. */
  private foldersAround(folder: string): string[] {
    const folders: string[] = [];
    for (let level = 0, current = folder; level < MAX_LEVELS; level++) {
      folders.push(current);
      const parent = dirname(current);
      if (parent === current || existsSync(join(current, '.git'))) break;
      current = parent;
    }
    return folders;
  }

  /** Every build of this Dockerfile the files around it declare (compose services, CI steps). */
  buildsOf(dockerfilePath: string): Declared[] {
    const wanted = resolve(dockerfilePath);
    return this.declarationsAround(dirname(wanted)).filter((d) => d.dockerfile === wanted);
  }

  /** A Dockerfile declared to build with this folder as its context. */
  dockerfileFor(contextFolder: string): string | null {
    const wanted = resolve(contextFolder);
    return this.declarationsAround(wanted).find((d) => d.context === wanted)?.dockerfile ?? null;
  }

  clear(): void {
    this.parsed.clear();
    this.around.clear();
  }

  /** Declarations in the folder and its ancestors, nearest first. */
  private declarationsAround(folder: string, level = 0): Declared[] {
    let found = this.around.get(folder);
    if (found) return found;
    found = declaringFiles(folder).flatMap((file) => this.declarationsIn(file, folder));
    const parent = dirname(folder);
    if (level + 1 < MAX_LEVELS && parent !== folder && !existsSync(join(folder, '.git'))) found = [...found, ...this.declarationsAround(parent, level + 1)];
    this.around.set(folder, found);
    return found;
  }

  private declarationsIn(path: string, base: string): Declared[] {
    let stamp: string;
    try {
      const stats = statSync(path);
      if (!stats.isFile() || stats.size > MAX_BYTES) return [];
      stamp = `${stats.size}:${stats.mtimeMs}`;
    } catch {
      return [];
    }
    const cached = this.parsed.get(path);
    if (cached?.stamp === stamp) return cached.builds;
    let checkedImages: CheckedImage[] = [];
    const kind = COMPOSITE_ACTION.test(path.split(sep).join('/')) ? 'github-workflow' : fileKindOf(path);
    let builds: Declared[] = [];
    try {
      if (GORELEASER_FILE.test(path)) {
        builds = goreleaserBuilds(readFileSync(path, 'utf8')).map((d) => ({ ...d, dockerfile: resolve(base, d.dockerfile), context: resolve(base, d.context), declaredIn: path }));
      } else if (kind === 'compose' || kind === 'github-workflow' || kind === 'gitlab-ci') {
        const text = readFileSync(path, 'utf8');
        const declarations = mayDeclareBuilds(text) ? buildDeclarations(buildDocumentModel(kind, text)) : [];
        if (kind === 'compose' && /healthcheck/.test(text)) checkedImages = composeImageHealthchecks(buildDocumentModel(kind, text)).map((c) => ({ ...c, declaredIn: path }));
        builds = declarations.map((d) => ({
          ...d,
          dockerfile: resolve(base, d.dockerfile),
          context: resolve(base, d.context),
          declaredIn: path,
          ...(d.healthcheck ? { healthcheck: { ...d.healthcheck, declaredIn: basename(path) } } : {}),
        }));
      }
    } catch {
      // An unreadable or broken file declares nothing; its own lint reports the syntax error.
    }
    this.parsed.set(path, { stamp, builds, checkedImages });
    return builds;
  }
}

const COMPOSITE_ACTION = /(^|\/)\.github\/actions\/[^/]+\/action\.ya?ml$/;

/** Compose files in the folder; at a repository root also its CI pipelines. */
function declaringFiles(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const files = names
    .filter((n) => fileKindOf(n) === 'compose')
    .sort()
    .map((n) => join(folder, n));
  if (names.includes('.gitlab-ci.yml')) files.push(join(folder, '.gitlab-ci.yml'));
  for (const name of names.filter((n) => GORELEASER_FILE.test(n)).sort()) files.push(join(folder, name));
  if (names.includes('.github')) {
    const workflows = join(folder, '.github', 'workflows');
    try {
      for (const name of readdirSync(workflows).sort()) if (/\.ya?ml$/.test(name)) files.push(join(workflows, name));
    } catch {
      // No workflows folder.
    }
    // Composite actions the workflows call (homarr's prebuilt-debian action builds an image it never pushes).
    const actions = join(folder, '.github', 'actions');
    try {
      for (const name of readdirSync(actions).sort()) for (const file of ['action.yml', 'action.yaml']) if (existsSync(join(actions, name, file))) files.push(join(actions, name, file));
    } catch {
      // No actions folder.
    }
  }
  return files;
}
