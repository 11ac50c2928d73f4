// Lint rules that keep the layers as README's "How it works" draws them: the engine is a pure
// library that knows no rule list, editor or command line; rules use the engine and the shell
// parser only; shared/ is read by both sides and imports neither. And no import cycles.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const ENGINE_LAYER = [
  { group: ['**/rules', '**/rules/*', '**/defaultLinter'], message: 'The engine takes its rules as input (createLinter): bind the rule list in server/src/defaultLinter.ts.' },
  { group: ['**/lsp/*', '**/cli/*', '**/runner/*', '**/config/*'], message: 'The engine is pure: no editor, command line, worker or file-system code.' },
];
const ENGINE_NO_IO = {
  group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'node:fs', 'node:fs/*', 'fs', 'node:child_process'],
  message: 'The engine does no I/O and knows no editor.',
};

const restrict = (patterns) => ['error', { patterns: patterns.map(({ group, message }) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      // no-cycle parses the files an import leads to: it needs to know they are TypeScript.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['server/src/engine/**/*.ts', 'server/src/shell/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...ENGINE_LAYER, ENGINE_NO_IO]) },
  },
  {
    // The shell parser reads its WebAssembly grammar once, at start-up: the one file it reads.
    files: ['server/src/shell/parser.ts'],
    rules: { 'no-restricted-imports': restrict(ENGINE_LAYER) },
  },
  {
    files: ['server/src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/lsp/*', '**/cli/*', '**/runner/*', '**/config/*', '**/defaultLinter'], message: 'Rules use the engine and the shell parser only.' },
        { group: ['node:fs', 'node:fs/*', 'fs', 'node:child_process'], message: 'Rules do no I/O: the build context comes in through RuleContext.' },
      ]),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([{ group: ['**/server/*', '**/client/*'], message: 'shared/ is read by the client and the server and imports neither.' }]),
    },
  },
);
