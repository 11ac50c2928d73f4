/**
 * Build-context listings per Dockerfile, made once until a watched file changes. The context is
 * the one compose or CI declares for the Dockerfile, else the Dockerfile's own folder.
 */
import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BuildContext } from '../engine/buildContext';
import { fileKindOf } from '../engine/fileKinds';
import { readCheckedFileSync } from '../files/readChecked';
import { ignoreFileFor, scanContextFolder, type ContextFolder } from './contextScan';
import { DeclaredContexts } from './declaredContexts';

export class ContextCache {
  private readonly byDockerfile = new Map<string, BuildContext>();
  /** Dockerfiles of a monorepo often share one context: it is walked, and its files read, once. */
  private readonly byFolder = new Map<string, ContextFolder>();
  private readonly declared = new DeclaredContexts();

  get(dockerfilePath: string): BuildContext {
    let context = this.byDockerfile.get(dockerfilePath);
    if (!context) {
      const declared = this.declared.contextFor(dockerfilePath);
      const root = declared && isFolder(declared) ? declared : dirname(dockerfilePath);
      let folder = this.byFolder.get(root);
      if (!folder) {
        folder = scanContextFolder(root);
        this.byFolder.set(root, folder);
      }
      context = { ...folder, ignoreFile: ignoreFileFor(dockerfilePath, root) };
      const healthcheck = this.declared.healthcheckFor(dockerfilePath);
      if (healthcheck) context = { ...context, serviceHealthcheck: healthcheck };
      const services = this.declared.servicesWithOwnCommandsFor(dockerfilePath);
      if (services) context = { ...context, servicesWithOwnCommands: services };
      this.byDockerfile.set(dockerfilePath, context);
    }
    return context;
  }

  /** The context a file is judged with: a Dockerfile's, or an ignore file's; none for other kinds. */
  forFile(path: string): BuildContext | null {
    const kind = fileKindOf(path);
    return kind === 'dockerfile' ? this.get(path) : kind === 'dockerignore' ? this.forIgnoreFile(path) : null;
  }

  /**
   * The context an ignore file belongs to. `api.Dockerfile.dockerignore` belongs to
   * `api.Dockerfile`; a plain `.dockerignore` to the Dockerfile declared to build with its folder
   * as the context, else to the folder's own `Dockerfile`.
   */
  forIgnoreFile(ignorePath: string): BuildContext {
    const dockerfilePath =
      basename(ignorePath) !== '.dockerignore' ? ignorePath.replace(/\.dockerignore$/, '') : (this.declared.dockerfileFor(dirname(ignorePath)) ?? join(dirname(ignorePath), 'Dockerfile'));
    // With it, the Dockerfile built with this context: only a whole-context COPY sends its files.
    return { ...this.get(dockerfilePath), dockerfile: readDockerfile(dockerfilePath) };
  }

  clear(): void {
    this.byDockerfile.clear();
    this.byFolder.clear();
    this.declared.clear();
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The Dockerfile's text, when there is one of a sensible size (its own lint reports the rest). */
function readDockerfile(path: string): BuildContext['dockerfile'] {
  const read = readCheckedFileSync(path);
  return read.ok ? { path, text: read.text } : null;
}
