/**
 * The .dockerignore matcher: Docker's semantics (checked against @balena/dockerignore, a port of
 * moby's own code, on corpus ignore files and their repositories' file lists), in linear time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import balena from '@balena/dockerignore';
import { parseDockerIgnore } from '../../server/src/engine/documents/dockerignore';
import { corpusAvailable, corpusFiles, repositoryFileList } from '../corpus/corpus';

describe('.dockerignore matching', () => {
  it('follows Docker: last match wins, ! re-includes, ** spans folders, parents exclude their files', () => {
    const ignore = parseDockerIgnore(['# comment', '.git', 'node_modules/', '**/*.key', '*.md', '!README.md', '/build', 'docs/**/draft-?.txt', ''].join('\n'));
    const cases: [string, boolean][] = [
      ['.git', true],
      ['.git/config', true],
      ['node_modules/a/index.js', true],
      ['certs/tls.key', true],
      ['tls.key', true],
      ['CHANGES.md', true],
      ['README.md', false],
      ['sub/CHANGES.md', false],
      ['build/out.js', true],
      ['src/build/x', false],
      ['docs/a/b/draft-1.txt', true],
      ['docs/draft-12.txt', false],
      ['src/main.go', false],
      ['# comment', false],
    ];
    for (const [path, expected] of cases) assert.equal(ignore.ignores(path), expected, path);
  });

  it('passes other characters through as regexp syntax, as Docker does, and an invalid line matches nothing', () => {
    assert.equal(parseDockerIgnore('a+.txt').ignores('aaa.txt'), true);
    assert.equal(parseDockerIgnore('a(b\n*.log').ignores('x.log'), true);
    assert.equal(parseDockerIgnore('a(b').ignores('a(b'), false);
  });

  it('hostile lines cost linear time (they backtracked for minutes in a JavaScript RegExp)', () => {
    const hostile = ['*a*a*a*a*a*a*a*c', '(\\w|\\w)+!', '**a**a**a**a**a**a**c', `${'*'.repeat(5000)}x`].join('\n');
    const ignore = parseDockerIgnore(hostile);
    const names = ['a'.repeat(200) + '.key', `${'a/'.repeat(300)}x.key`, 'a'.repeat(100_000)];
    for (const name of names) assert.equal(ignore.ignores(name), false);
  });

  it("agrees with @balena/dockerignore on corpus ignore files and their repositories' files", { skip: !corpusAvailable() && 'corpus not found next to the repository' }, () => {
    let compared = 0;
    for (const file of corpusFiles('dockerignore', 60)) {
      // Lines with regexp characters backtrack in balena's RegExp, and it folds case where Docker does not.
      if (/[()+|{}^]/.test(file.text)) continue;
      const ours = parseDockerIgnore(file.text);
      const theirs = balena({ ignorecase: false }).add(file.text);
      for (const path of repositoryFileList(file).slice(0, 2000)) {
        assert.equal(ours.ignores(path), theirs.ignores(path), `${file.path}: ${path}`);
        compared++;
      }
    }
    assert.ok(compared > 1000, `${compared} paths compared`);
    console.log(`dockerignore: ${compared} corpus paths judged the same as @balena/dockerignore`);
  });
});
