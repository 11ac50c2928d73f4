import { holdsSecret, ignoreMatcher, type BuildContext } from '../engine/buildContext';
import { inTestFixtures } from '../engine/knowledge/secrets';
import { contextCopies } from '../engine/dockerfile/copySources';
import { buildModel, type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { lineage } from '../engine/dockerfile/stageLineage';
import { ignoreFileEdit, wholeContextCopies } from '../engine/edits/ignoreFileEdits';
import { defineRule } from '../engine/rule';
import { stageAtLine, stageRoles } from '../engine/roles';
import type { Fix } from '../engine/types';

/** Folders that never belong in an image: version control data and local dependencies. */
const JUNK = ['.git', 'node_modules', '.venv', '__pycache__'];

/**
 * What in the context must stay out, and how an ignore file names it. A file a COPY names is one
 * the build needs (`COPY .npmrc ./`): never proposed for the ignore file (copy-secret-file judges it).
 */
function exposed(context: BuildContext, named: ReadonlySet<string>, secretsOnly = false): { path: string; pattern: string }[] {
  const ignored = ignoreMatcher(context);
  const found: { path: string; pattern: string }[] = [];
  for (const entry of context.entries) {
    if (named.has(entry)) continue;
    const top = !entry.includes('/');
    const base = entry.split('/').pop()!;
    let pattern: string | null = null;
    if (JUNK.includes(base) && (top || base !== '.git')) pattern = secretsOnly ? null : top ? base : `**/${base}`;
    else if (holdsSecret(context, entry) && !inTestFixtures(entry)) pattern = entry;
    if (pattern && !ignored(entry) && !found.some((f) => f.pattern === pattern)) found.push({ path: entry, pattern });
  }
  return found;
}

/** The context paths a Dockerfile's COPY and ADD name (not from a stage, not URLs). */
function namedSources(model: DockerfileModel): Set<string> {
  const named = new Set<string>();
  for (const { operands } of contextCopies(model))
    for (const source of operands.sources)
      named.add(
        source.value
          .replace(/^(["'])(.*)\1$/, '$2')
          .replace(/^(\.\/)+/, '')
          .replace(/\/$/, ''),
      );
  return named;
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
      ignoreFileGapsBuildOnly:
        'This ignore file lets {{what}} into the build context; the COPY . that takes them is in stages that do not ship, so they reach an image only if a build step bakes them in.',
    },
    applicability: ['suggestion'],
    roles: { build: 'info', test: 'info', dev: 'off', tool: 'info' },
    severityNote: 'error when secret files would go in',
  },
  documents: {
    /** In the ignore file itself, where the user can act: judged on its current (unsaved) text. */
    dockerignore({ document, buildContext, report }) {
      // Only what a real whole-context COPY of this context would send: with no Dockerfile built
      // from it, or one that copies named files only, nothing here reaches an image.
      if (!buildContext?.dockerfile) return;
      const dockerfile = buildModel(buildContext.dockerfile.text);
      const copies = wholeContextCopies(dockerfile);
      if (copies.length === 0) return;
      // Only stages that ship make a leak an error; a builder, test or tool stage keeps what it
      // is given unless a step bakes it in (AdGuardHome's public test key, syncthing's fixtures).
      // By the file's own name only (`ci.Dockerfile`): its folders may be anyone's checkout path.
      const roles = stageRoles(dockerfile, buildContext.dockerfile.path.split(/[\\/]/).pop() ?? null, null);
      const ships = copies.some((copy) => {
        const stage = stageAtLine(dockerfile, copy.getRange().start.line);
        const role = stage ? roles.get(stage)?.role : undefined;
        return role === undefined || role === 'service' || role === 'base';
      });
      const context = { ...buildContext, ignoreFile: { path: buildContext.ignoreFile?.path ?? '.dockerignore', text: document.source.text } };
      // Version control data and dependencies in a builder's context cost build time, not
      // security: only secrets are worth saying there (syncthing's builders).
      const found = exposed(context, namedSources(dockerfile), !ships);
      if (found.length === 0) return;
      const names = found.map((f) => f.path);
      const what = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
      const { source } = document;
      const last = source.lineCount - 1;
      const end = { line: last, character: source.lineText(last).length };
      const lead = source.text === '' || source.text.endsWith('\n') ? '' : source.eol;
      const secrets = found.filter((f) => holdsSecret(context, f.path));
      report({
        messageId: ships ? 'ignoreFileGaps' : 'ignoreFileGapsBuildOnly',
        data: { what },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: source.lineText(0).length } },
        ...(!ships ? { severity: 'info' as const } : secrets.length > 0 ? { severity: 'error' as const } : {}),
        suggestions: [
          {
            title: `Add ${found.map((f) => f.pattern).join(', ')}`,
            edits: [{ range: { start: end, end }, newText: `${lead}${found.map((f) => f.pattern).join(source.eol)}${source.eol}` }],
          },
        ],
      });
    },
  },
  check({ model, buildContext, report }) {
    // Reported at the copy that ships when there is one: pterodactyl copies the context into a
    // builder it discards and again into the image it ships.
    const copies = wholeContextCopies(model);
    const shipped = model.finalStage ? new Set(lineage(model.finalStage)) : new Set<Stage>();
    const shippedCopy = copies.find((copy) => shipped.has(stageAtLine(model, copy.getRange().start.line)!));
    const instruction = shippedCopy ?? copies[0];
    // Only now is the context listed (it costs I/O): a whole-context copy is there.
    if (!instruction || !buildContext) return;
    // Builders only, with an ignore file: its own finding says it once, where the fix goes
    // (AppFlowy's three builders sharing one context would repeat it three times).
    if (shippedCopy === undefined && buildContext.ignoreFile) return;
    const found = exposed(buildContext, namedSources(model), shippedCopy === undefined);
    if (found.length === 0) return;
    const names = found.map((f) => f.path);
    const what = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    const ignoreFile = buildContext.ignoreFile;
    const patterns = found.map((f) => f.pattern);
    const fix: Fix = ignoreFile
      ? { title: `Add ${patterns.join(', ')} to ${ignoreFile.path.split('/').pop()}`, edits: [], otherFiles: [ignoreFileEdit(buildContext, patterns)] }
      : { title: 'Create a .dockerignore for this build context', edits: [], otherFiles: [ignoreFileEdit(buildContext, patterns, newIgnoreFile(buildContext, found))] };
    report({
      messageId: ignoreFile ? 'letsThrough' : 'missing',
      data: { what, ignoreFile: ignoreFile?.path.split('/').pop() ?? '' },
      range: instruction.getRange(),
      // VCS data and dependencies are waste; secrets in the image are a leak.
      ...(found.some((f) => holdsSecret(buildContext, f.path)) ? { severity: 'error' as const } : {}),
      suggestions: [fix],
    });
  },
});
