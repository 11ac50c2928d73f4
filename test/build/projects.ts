/**
 * Small projects the cases build, as real ones are laid out. Nothing may need the network
 * inside a build (only Debian's mirror is reachable), so dependencies are local packages
 * (`file:` links), which npm installs, prunes and locks as it does registry ones.
 */

interface NodeProjectOptions {
  /** Also write package-lock.json (npm ci needs it). */
  lock?: boolean;
  /** Add a dev dependency that a `build` script uses to write dist/server.js. */
  build?: boolean;
  /** Depend on the local `greeting` package (false: no dependencies at all). */
  dependencies?: boolean;
}

/** A Node service: src/server.js prints a line naming its dependency and version. */
export function nodeProject({ lock = true, build = false, dependencies: withDependencies = true }: NodeProjectOptions = {}): Record<string, string> {
  const dependencies: Record<string, string> = withDependencies ? { greeting: 'file:vendor/greeting' } : {};
  const devDependencies = build ? { bundler: 'file:tools/bundler' } : undefined;
  const files: Record<string, string> = {
    'package.json': JSON.stringify(
      { name: 'api', version: '2.1.0', private: true, ...(build ? { scripts: { build: 'node build.js' } } : {}), dependencies, ...(devDependencies ? { devDependencies } : {}) },
      null,
      2,
    ),
    'src/server.js': `console.log(${withDependencies ? "require('greeting')" : "'hi'"} + ' from api ' + require('../package.json').version);\n`,
  };
  if (withDependencies) {
    files['vendor/greeting/package.json'] = JSON.stringify({ name: 'greeting', version: '1.0.0' });
    files['vendor/greeting/index.js'] = "module.exports = 'hello';\n";
  }
  if (build) {
    files['tools/bundler/package.json'] = JSON.stringify({ name: 'bundler', version: '0.1.0' });
    files['tools/bundler/index.js'] = 'module.exports = (text) => `// bundled\\n${text}`;\n';
    files['build.js'] =
      "const fs = require('fs');\nconst bundle = require('bundler');\nfs.mkdirSync('dist', { recursive: true });\nfs.writeFileSync('dist/server.js', bundle(fs.readFileSync('src/server.js', 'utf8')));\n";
  }
  if (lock) {
    const packages: Record<string, unknown> = {
      '': { name: 'api', version: '2.1.0', dependencies, ...(devDependencies ? { devDependencies } : {}) },
    };
    if (withDependencies) {
      packages['node_modules/greeting'] = { resolved: 'vendor/greeting', link: true };
      packages['vendor/greeting'] = { name: 'greeting', version: '1.0.0' };
    }
    if (build) {
      packages['node_modules/bundler'] = { resolved: 'tools/bundler', dev: true, link: true };
      packages['tools/bundler'] = { name: 'bundler', version: '0.1.0', dev: true };
    }
    files['package-lock.json'] = JSON.stringify({ name: 'api', version: '2.1.0', lockfileVersion: 3, requires: true, packages }, null, 2);
  }
  return files;
}

/** A Go module with no dependencies; main.go is given by the case. */
export function goProject(main: string, module = 'example.com/server'): Record<string, string> {
  return { 'go.mod': `module ${module}\n\ngo 1.19\n`, 'main.go': main };
}

/**
 * A local Python package (`greet`, setuptools, no dependencies) that pip installs with
 * `--no-index --no-build-isolation`: PyPI is not reachable from builds, and the stand-in's
 * Debian setuptools builds it. `python -m greet` prints one line.
 */
export function pythonPackage(folder = 'greet'): Record<string, string> {
  return {
    [`${folder}/pyproject.toml`]: '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "greet"\nversion = "1.0"\n',
    [`${folder}/greet/__init__.py`]: 'GREETING = "hello from greet 1.0"\n',
    [`${folder}/greet/__main__.py`]: 'from greet import GREETING\n\nprint(GREETING)\n',
  };
}
