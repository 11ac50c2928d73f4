import { join } from 'node:path';
import { ignoreMatcher, type BuildContext } from '../engine/buildContext';
import { copyOperands } from '../engine/copySources';
import { keywordOf } from '../engine/model';
import { defineRule } from '../engine/rule';
import type { Fix } from '../engine/types';
import { secretFileKind } from '../engine/secrets';

/** Folders that never belong in an image: version control data and local dependencies. */
const JUNK = ['.git', 'node_modules', '.venv', '__pycache__'];

/** What in the context must stay out, and how an ignore file names it. */
function exposed(context: BuildContext): { path: string; pattern: string }[] {
  const ignored = ignoreMatcher(context);
  const found: { path: string; pattern: string }[] = [];
  for (const entry of context.entries) {
    const top = !entry.includes('/');
    const base = entry.split('/').pop()!;
    let pattern: string | null = null;
    if (JUNK.includes(base) && (top || base !== '.git')) pattern = top ? base : `**/${base}`;
    else if (secretFileKind(entry)) pattern = entry;
    if (pattern && !ignored(entry) && !found.some((f) => f.pattern === pattern)) found.push({ path: entry, pattern });
  }
  return found;
}

/** Entries for a new .dockerignore: what was found, plus the usual for the ecosystem. */
function newIgnoreFile(context: BuildContext, found: { pattern: string }[]): string {
  const has = (name: string) => context.entries.includes(name);
  const lines = ['# Keep version control data, secrets and local dependencies out of the image.', '.git', '.env', '.env.*', '!.env.example'];
  if (has('package.json')) lines.push('node_modules', 'npm-debug.log*');
  if (has('requirements.txt') || has('pyproject.toml')) lines.push('__pycache__', '*.pyc', '.venv');
  if (has('go.mod')) lines.push('bin');
  if (has('pom.xml') || has('Cargo.toml')) lines.push('target');
  for (const { pattern } of found) if (!lines.includes(pattern)) lines.push(pattern);
  return `${lines.join('\n')}\n`;
}

export default defineRule({
  meta: {
    id: 'dockerignore-gaps',
    group: 'dockerignore',
    description: 'A Dockerfile that copies its whole context needs a .dockerignore that keeps VCS data, secrets and local dependencies out.',
    severity: 'warning',
    messages: {
      missing: 'This copies the whole build context and there is no .dockerignore: {{what}} would go into the image.',
      letsThrough: '{{ignoreFile}} lets {{what}} through, and this copies the whole build context into the image.',
      ignoreFileGaps: 'This ignore file lets {{what}} into the build context: a COPY . puts them in the image.',
    },
    fix: 'suggestion',
    kinds: ['dockerfile', 'dockerignore'],
  },
  /** In the ignore file itself, where the user can act: judged on its current (unsaved) text. */
  checkDocument({ document, buildContext, report }) {
    if (!buildContext) return;
    const context = { ...buildContext, ignoreFile: { path: buildContext.ignoreFile?.path ?? '.dockerignore', text: document.source.text } };
    const found = exposed(context);
    if (found.length === 0) return;
    const names = found.map((f) => f.path);
    const what = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    const { source } = document;
    const last = source.lineCount - 1;
    const end = { line: last, character: source.lineText(last).length };
    const lead = source.text === '' || source.text.endsWith('\n') ? '' : source.eol;
    const secrets = found.filter((f) => secretFileKind(f.path));
    report({
      messageId: 'ignoreFileGaps',
      data: { what },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: source.lineText(0).length } },
      ...(secrets.length > 0 ? { severity: 'error' as const } : {}),
      suggestions: [{ title: `Add ${found.map((f) => f.pattern).join(', ')}`, safe: false, edits: [{ range: { start: end, end }, newText: `${lead}${found.map((f) => f.pattern).join(source.eol)}${source.eol}` }] }],
    });
  },
  check(context) {
    const { model, report } = context;
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (!['COPY', 'ADD'].includes(keywordOf(instruction))) continue;
        const operands = copyOperands(model, stage, instruction);
        if (!operands || operands.fromStage || !operands.sources.some((s) => ['.', './', '*', '/'].includes(s.value))) continue;
        // Only now is the context listed (it costs I/O): a whole-context copy is there.
        const { buildContext } = context;
        if (!buildContext) return;
        const found = exposed(buildContext);
        const secrets = found.filter((f) => secretFileKind(f.path));
        if (found.length === 0) return;
        const names = found.map((f) => f.path);
        const what = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
        const ignoreFile = buildContext.ignoreFile;
        let fix: Fix;
        if (!ignoreFile) {
          const text = newIgnoreFile(buildContext, found);
          fix = { title: 'Create a .dockerignore for this build context', safe: false, edits: [], otherFiles: [{ path: join(buildContext.root, '.dockerignore'), create: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }] };
        } else {
          const lines = ignoreFile.text.split('\n');
          const last = lines.length - 1;
          const lead = ignoreFile.text === '' || ignoreFile.text.endsWith('\n') ? '' : '\n';
          const end = { line: last, character: lines[last].length };
          fix = { title: `Add ${found.map((f) => f.pattern).join(', ')} to ${ignoreFile.path.split('/').pop()}`, safe: false, edits: [], otherFiles: [{ path: ignoreFile.path, create: false, edits: [{ range: { start: end, end }, newText: `${lead}${found.map((f) => f.pattern).join('\n')}\n` }] }] };
        }
        report({
          messageId: ignoreFile ? 'letsThrough' : 'missing',
          data: { what, ignoreFile: ignoreFile?.path.split('/').pop() ?? '' },
          range: instruction.getRange(),
          // VCS data and dependencies are waste; secrets in the image are a leak.
          ...(secrets.length > 0 ? { severity: 'error' as const } : {}),
          suggestions: [fix],
        });
        return;
      }
    }
  },
});
