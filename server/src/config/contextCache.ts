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

  clear(): void {
    this.byDockerfile.clear();
  }
}
