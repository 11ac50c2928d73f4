/**
 * The text test that lets declaredContexts skip parsing most compose files must never skip one
 * that declares a build: checked on every compose file and workflow of the corpus.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { join } from 'node:path';
import { buildDeclarations, mayDeclareBuilds } from '../../server/src/engine/documents/buildDeclarations';
import { buildDocumentModel } from '../../server/src/engine/documents/documentModel';
import { initEngine } from '../../server/src/engine/linter';
import { corpusAvailable, corpusFiles } from './corpus';

before(() => initEngine(join(__dirname, '..', '..', 'dist')));

describe('build declarations on the corpus', { skip: !corpusAvailable() && 'corpus not found next to the repository' }, () => {
  it('every file that declares a build passes the test before parsing, and most compose files are skipped', () => {
    const counts = { compose: { files: 0, declaring: 0, skipped: 0 }, 'github-workflow': { files: 0, declaring: 0, skipped: 0 } };
    for (const [corpusKind, kind] of [
      ['compose', 'compose'],
      ['workflow', 'github-workflow'],
    ] as const) {
      for (const file of corpusFiles(corpusKind, null)) {
        const declares = buildDeclarations(buildDocumentModel(kind, file.text)).length > 0;
        const passes = mayDeclareBuilds(file.text);
        assert.ok(passes || !declares, `${file.path} declares a build but would not be parsed`);
        counts[kind].files++;
        if (declares) counts[kind].declaring++;
        if (!passes) counts[kind].skipped++;
      }
    }
    console.log(`build declarations: ${JSON.stringify(counts)}`);
    assert.ok(counts.compose.declaring > 0 && counts.compose.skipped > counts.compose.files / 2, JSON.stringify(counts));
  });
});
