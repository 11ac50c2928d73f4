import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesGlob } from '../../server/src/config/glob';

describe('exclude globs', () => {
  it('**, *, ?, classes and braces, and a folder excludes its contents', () => {
    const cases: [string, string, boolean][] = [
      ['/r/vendor/**', '/r/vendor/a/Dockerfile', true],
      ['/r/**/testdata', '/r/a/b/testdata/Dockerfile', true],
      ['/r/**/testdata', '/r/testdata/Dockerfile', true],
      ['/r/*.Dockerfile', '/r/api.Dockerfile', true],
      ['/r/*.Dockerfile', '/r/a/api.Dockerfile', false],
      ['/r/**/*.{yml,yaml}', '/r/k8s/app.yaml', true],
      ['/r/**/*.{yml,yaml}', '/r/k8s/app.yml', true],
      ['/r/**/*.{yml,yaml}', '/r/k8s/Dockerfile', false],
      ['/r/svc-[ab]/Dockerfile', '/r/svc-a/Dockerfile', true],
      ['/r/svc-[!ab]/Dockerfile', '/r/svc-a/Dockerfile', false],
      ['/r/svc-[!ab]/Dockerfile', '/r/svc-c/Dockerfile', true],
      ['/r/Docker?ile', '/r/Dockerfile', true],
      ['/r/a.b', '/r/axb', false],
      ['/r/{a,{b,c}}/x', '/r/c/x', true],
      ['/r/{unclosed', '/r/{unclosed', true],
      ['/r/[unclosed', '/r/[unclosed', true],
    ];
    for (const [glob, path, expected] of cases) assert.equal(matchesGlob(path, glob), expected, `${glob} ~ ${path}`);
  });

  it('hostile globs cost linear time (a regex-based matcher backtracked for minutes)', () => {
    const globs = ['/r/**a**a**a**a**a**a**c', '/r/*a*a*a*a*a*a*a*c', `/r/${'{a,'.repeat(2000)}`, `/r/${'['.repeat(3000)}`, `/r/${'*'.repeat(3000)}c`];
    const paths = [`/r/${'a'.repeat(100_000)}/Dockerfile`, `/r/${'a/'.repeat(5_000)}x`];
    for (const glob of globs) for (const path of paths) assert.equal(matchesGlob(path, glob), false, glob.slice(0, 30));
  });
});
