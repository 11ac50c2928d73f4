// Builds the bundles (VS Code client, language server, CLI, and the lint worker both use) and copies the
// WebAssembly shell parser next to them. One script, so the .vsix and the npm
// package ship exactly the same engine.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // vscode is provided by the editor at run time.
  external: ['vscode'],
  // Prefer ES modules: jsonc-parser's UMD build hides its requires from the bundler.
  mainFields: ['module', 'main'],
  define: { VERSION: JSON.stringify(version) },
  // The ESM build of web-tree-sitter reads import.meta.url, which a CommonJS bundle lacks.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter').replace(/\.js$/, '.cjs') },
};

const executable = { banner: { js: '#!/usr/bin/env node' } };

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { ...common, ...executable, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { ...common, ...executable, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // The CLI and the language server lint in worker threads with a deadline per file.
  { ...common, entryPoints: ['server/src/runner/lintWorker.ts'], outfile: 'dist/lint-worker.js' },
];

/**
 * Rule docs for the bundles: SARIF help text and editor hovers quote docs/rules/<id>.md, so
 * the words users read in the docs and in their tools are the same.
 */
function generateRuleDocs() {
  const docs = {};
  for (const file of readdirSync('docs/rules')
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const markdown = readFileSync(join('docs/rules', file), 'utf8');
    // Up to the next heading or the end of the page (not of a line: with the `m` flag `$` ended the
    // section at its first line break, and hovers showed half a sentence).
    const section = (title) => {
      const match = new RegExp(`(?:^|\\n)## ${title}\\n+([\\s\\S]*?)(?=\\n## |$)`).exec(markdown);
      return match ? match[1].trim() : '';
    };
    // The first paragraph, whole; one that ends in ":" keeps what it introduces (a code block, a list).
    const firstParagraph = (text) => {
      const [first = '', next] = text.split(/\n\n/);
      const joined = first.replace(/\n(?![-*] |\d+\. )/g, ' ');
      if (!joined.endsWith(':') || !next) return joined;
      // A short block fits a hover; a long table is the rule page's to show.
      return next.split('\n').length <= 6 ? `${joined}\n\n${next}` : `${joined.slice(0, -1)}, as the rule page lists.`;
    };
    docs[file.replace(/\.md$/, '')] = { what: section('What it checks'), why: firstParagraph(section('Why it matters')), fix: firstParagraph(section('How to fix')), markdown };
  }
  mkdirSync('server/src/generated', { recursive: true });
  writeFileSync('server/src/generated/rule-docs.json', `${JSON.stringify(docs, null, 1)}\n`);
}

generateRuleDocs();
if (process.argv.includes('--docs-only')) process.exit(0);
mkdirSync('dist', { recursive: true });
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
copyFileSync(join(dirname(require.resolve('tree-sitter-bash/package.json')), 'tree-sitter-bash.wasm'), 'dist/tree-sitter-bash.wasm');

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
