/** Build-context listings per Dockerfile, made once until a watched file changes. */
import type { BuildContext } from '../engine/buildContext';
import { scanBuildContext } from './contextScan';

export class ContextCache {
  private readonly byDockerfile = new Map<string, BuildContext>();

  get(dockerfilePath: string): BuildContext {
    let context = this.byDockerfile.get(dockerfilePath);
    if (!context) {
      context = scanBuildContext(dockerfilePath);
      this.byDockerfile.set(dockerfilePath, context);
    }
    return context;
  }

  /**
   * The context an ignore file belongs to: its folder. `api.Dockerfile.dockerignore` belongs to
   * `api.Dockerfile`; a plain `.dockerignore` to the folder's `Dockerfile`.
   */
  forIgnoreFile(ignorePath: string): BuildContext {
    const dockerfile = ignorePath.endsWith('/.dockerignore') ? ignorePath.replace(/\.dockerignore$/, 'Dockerfile') : ignorePath.replace(/\.dockerignore$/, '');
    return this.get(dockerfile);
  }

  clear(): void {
    this.byDockerfile.clear();
  }
}
