/**
 * The facts an image role is judged from that need the file system (engine/roles.ts judges):
 * the Dockerfile's path from its repository root, the role the config file gives it, the builds
 * compose files and pipelines declare for it, and the other Dockerfiles of the run that build
 * FROM the image it makes. Each Dockerfile is read for its FROM lines once per run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { ImageRole } from '../../../shared/ids';
import type { BaseImageUpdates, RoleFacts } from '../engine/roles';
import { DeclaredContexts } from './declaredContexts';
import { matchesGlob } from './glob';
import { baseImageUpdates } from './updateBots';
import { repositoryName } from '../engine/knowledge/imageRef';

/** The config's `roles`: globs made absolute, with the config file that says so. */
export interface ConfiguredRole {
  glob: string;
  role: ImageRole;
  source: string;
}

/** A Dockerfile's FROM lines are at its top; a huge file is not read past this. */
const FROM_READ_BYTES = 256 * 1024;
const FROM_LINE = /^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*([^\s]+)/gim;
const ARG_LINE = /^[ \t]*ARG[ \t]+(\w+)=(\S+)/gim;
/** Folder names that say nothing about which image a Dockerfile builds. */
const GENERIC_FOLDERS = new Set(['docker', 'dockerfiles', 'containers', 'container', 'images', 'image', 'app', 'src', 'build', 'deploy', 'deployment', '.']);

export class RoleFactsSource {
  private readonly declared: DeclaredContexts;
  private dockerfiles: { path: string; text?: string }[] = [];
  private fromIndex: { path: string; images: string[] }[] | null = null;
  /** Namespaced images of the run by their last segment (`discourse/base` under `base`), for names taken from folders. */
  private byLastSegment: Map<string, string[]> | null = null;
  /** How many Dockerfiles of the run are in a folder of each name. */
  private folderCounts: Map<string, number> | null = null;
  private readonly roots = new Map<string, string>();
  /** Each repository's update bots, read once per run. */
  private readonly updates = new Map<string, BaseImageUpdates>();

  /**
   * `startFolders`: where the run started (the CLI's working folder; the editor's workspace
   * folders), the root for files outside any git repository. With none, such a file's own folder
   * is its root, so only its name counts as evidence.
   */
  constructor(private startFolders: readonly string[] = []) {
    this.declared = new DeclaredContexts();
  }

  /** The editor's workspace folders changed. */
  setStartFolders(folders: readonly string[]): void {
    this.startFolders = folders;
    this.roots.clear();
  }

  /** The Dockerfiles of this run (with their text when the caller has read it): the FROM graph is drawn between them. */
  setDockerfiles(files: readonly { path: string; text?: string }[]): void {
    this.dockerfiles = files.map((f) => ({ path: resolve(f.path), text: f.text }));
    this.fromIndex = null;
    this.byLastSegment = null;
    this.folderCounts = null;
  }

  /** What says what a compose file or dev container is for: its path in the repository and the config's word. */
  documentFactsFor(documentPath: string, configured: readonly ConfiguredRole[] = []): RoleFacts {
    const path = resolve(documentPath);
    const root = this.repositoryRoot(dirname(path));
    const facts: RoleFacts = { repositoryPath: relative(root, path).split(sep).join('/') };
    // The last matching glob wins, as in the config's other lists.
    const own = [...configured].reverse().find((c) => matchesGlob(path, c.glob));
    if (own) facts.configured = { role: own.role, source: own.source };
    if (/\.ya?ml$/i.test(path)) {
      const built = this.declared.dockerfilesBuiltBy(path);
      if (built.length > 0) facts.buildsDockerfiles = built.map((p) => relative(root, p).split(sep).join('/'));
    }
    return facts;
  }

  factsFor(dockerfilePath: string, configured: readonly ConfiguredRole[] = []): RoleFacts {
    const path = resolve(dockerfilePath);
    const facts = this.documentFactsFor(path, configured);
    const root = this.repositoryRoot(dirname(path));
    const builds = this.declared.buildsOf(path);
    if (builds.length > 0)
      facts.builds = builds.map((b) => ({
        declaredIn: relative(root, b.declaredIn).split(sep).join('/'),
        ...(b.service ? { service: b.service } : {}),
        ...(b.target ? { target: b.target } : {}),
        ...(b.pushes ? { pushes: true } : {}),
      }));
    const baseOf = this.builtFrom(
      path,
      builds.map((b) => b.image).filter((i): i is string => !!i),
    );
    if (baseOf.length > 0) {
      facts.baseOf = baseOf.map((p) => relative(root, p).split(sep).join('/'));
      const pushed = baseOf.filter((child) => this.declared.buildsOf(child).some((b) => b.pushes));
      if (pushed.length > 0) facts.pushedBaseOf = pushed.map((p) => relative(root, p).split(sep).join('/'));
    }
    const builtHere = this.basesBuiltHere(path);
    if (builtHere.length > 0) {
      facts.builtHere = builtHere.map((b) => b.name);
      const from = builtHere.filter((b) => b.from !== null).map((b) => [b.name, b.from!] as const);
      if (from.length > 0) facts.builtHereFrom = Object.fromEntries(from);
    }
    facts.baseImageUpdates = this.updatesIn(root);
    const checked = this.declared.imageHealthcheckFor(path, this.namesOf(path));
    if (checked) facts.composeHealthcheck = { service: checked.service, declaredIn: relative(root, checked.declaredIn).split(sep).join('/') };
    return facts;
  }

  /** The images this Dockerfile builds FROM that another Dockerfile of the run builds (a pin would fight the build). */
  private basesBuiltHere(path: string): { name: string; from: string | null }[] {
    const index = this.index();
    const own = index.find((entry) => entry.path === path);
    if (!own) return [];
    const wanted = new Set(own.images.map(repositoryName));
    const found = new Map<string, string | null>();
    // `FROM base`, untagged: a name only a named context or a local build gives.
    const bare = new Set(own.images.map((image) => image.toLowerCase()).filter((image) => /^[a-z0-9][a-z0-9._-]*$/.test(image)));
    for (const other of index) {
      if (other.path === path) continue;
      const from = other.images[0] ?? null;
      for (const name of this.namesOf(other.path)) if (wanted.has(name)) found.set(name, from);
      const folder = basename(dirname(other.path)).toLowerCase();
      if (bare.has(folder) && this.bareNameFor(other.path, folder)) found.set(folder, from);
    }
    return [...found].map(([name, from]) => ({ name, from }));
  }

  /** What a Dockerfile's image is called: the tags declared for it, and any namespaced image named for its folder. */
  private namesOf(path: string): string[] {
    const names = this.declared
      .buildsOf(path)
      .map((b) => b.image)
      .filter((i): i is string => !!i)
      .map(repositoryName);
    const folder = basename(dirname(path)).toLowerCase();
    if (this.namesAnImage(folder)) names.push(...this.namespacedImagesEndingIn(folder));
    return names;
  }

  /**
   * Whether a Dockerfile's folder name can stand for the image it builds (`image/base/` for
   * `discourse/base`): not a generic name, and no other Dockerfile of the run in a folder of the
   * same name. zabbix keeps one Dockerfile per OS (`build-sqlite3/centos/`, `agent/centos/`…):
   * there `centos` names an OS, not `quay.io/centos/centos`.
   */
  private namesAnImage(folder: string): boolean {
    if (GENERIC_FOLDERS.has(folder) || folder.length <= 2) return false;
    if (!this.folderCounts) {
      this.folderCounts = new Map();
      for (const { path } of this.dockerfiles) {
        const name = basename(dirname(path)).toLowerCase();
        this.folderCounts.set(name, (this.folderCounts.get(name) ?? 0) + 1);
      }
    }
    return (this.folderCounts.get(folder) ?? 0) <= 1;
  }

  /**
   * Whether the folder's bare name (`base`) stands for this Dockerfile's image when another
   * Dockerfile says `FROM base` with no tag: Mailu's `core/base/Dockerfile`, given to the others as
   * the named context `base` by its bake file. Not where the Dockerfile itself builds FROM that
   * name (`nginx/Dockerfile` with `FROM nginx:1.27` wraps the official image).
   */
  private bareNameFor(path: string, folder: string): boolean {
    if (!this.namesAnImage(folder)) return false;
    const own = this.index().find((entry) => entry.path === path);
    return !(own?.images ?? []).some((image) => repositoryName(image) === folder);
  }

  /** Built once per index: `basesBuiltHere` asks it for every other Dockerfile on every lint. */
  private namespacedImagesEndingIn(segment: string): string[] {
    if (!this.byLastSegment) {
      this.byLastSegment = new Map();
      for (const entry of this.index())
        for (const image of entry.images) {
          const name = repositoryName(image);
          const slash = name.lastIndexOf('/');
          if (slash < 0) continue;
          const last = name.slice(slash + 1);
          this.byLastSegment.set(last, [...(this.byLastSegment.get(last) ?? []), name]);
        }
    }
    return this.byLastSegment.get(segment) ?? [];
  }

  clear(): void {
    this.declared.clear();
    this.fromIndex = null;
    this.byLastSegment = null;
    this.folderCounts = null;
    this.roots.clear();
  }

  /**
   * Other Dockerfiles of the run whose FROM names the image this one builds: an image name a
   * declaration tags it with, or, for a namespaced image (`discourse/base`), the name of the
   * Dockerfile's own folder (`image/base/Dockerfile`).
   */
  private builtFrom(path: string, declaredImages: string[]): string[] {
    const names = new Set(declaredImages.map(repositoryName));
    const folder = basename(dirname(path)).toLowerCase();
    const byFolder = this.namesAnImage(folder);
    const bare = this.bareNameFor(path, folder);
    const found: string[] = [];
    for (const other of this.index()) {
      if (other.path === path) continue;
      const matches = other.images.some((image) => {
        const name = repositoryName(image);
        if (names.has(name)) return true;
        // `FROM base`, untagged: a name only a named context or a local build gives.
        if (bare && image.toLowerCase() === folder) return true;
        const segments = name.split('/');
        return byFolder && segments.length > 1 && segments[segments.length - 1] === folder;
      });
      if (matches) found.push(other.path);
    }
    return found;
  }

  private index(): { path: string; images: string[] }[] {
    if (this.fromIndex) return this.fromIndex;
    this.fromIndex = this.dockerfiles.map(({ path, text }) => ({ path, images: fromImages(path, text) }));
    return this.fromIndex;
  }

  private updatesIn(root: string): BaseImageUpdates {
    let found = this.updates.get(root);
    if (!found) this.updates.set(root, (found = baseImageUpdates(root)));
    return found;
  }

  /** The folder holding `.git` above the file, else the folder the run started in (or the file's own). */
  private repositoryRoot(folder: string): string {
    const cached = this.roots.get(folder);
    if (cached) return cached;
    let root: string | null = null;
    for (let dir = folder; ; dir = dirname(dir)) {
      if (existsSync(join(dir, '.git'))) {
        root = dir;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    root ??= this.startFolders.map((f) => resolve(f)).find((start) => folder === start || folder.startsWith(start + sep)) ?? folder;
    this.roots.set(folder, root);
    return root;
  }
}

/** The images a Dockerfile's FROM lines name (stage names too: they match no other file's image). */
function fromImages(path: string, known?: string): string[] {
  let text: string;
  try {
    text = (known ?? readFileSync(path, 'utf8')).slice(0, FROM_READ_BYTES);
  } catch {
    return [];
  }
  // `ARG from_tag=org/base:slim` then `FROM $from_tag`: the defaults of ARGs are what a plain build uses.
  const defaults = new Map<string, string>();
  for (const m of text.matchAll(ARG_LINE)) if (!defaults.has(m[1])) defaults.set(m[1], m[2].replace(/^["']|["']$/g, ''));
  return [...text.matchAll(FROM_LINE)].map((m) => m[1].replace(/\$\{?(\w+)\}?/g, (whole, name: string) => defaults.get(name) ?? whole)).filter((image) => !image.includes('$'));
}
