/**
 * The composition root: the engine bound to the product's rule list. The server, the CLI, the
 * config loader and the tests take the linter from here; the engine itself never imports the
 * rules (an import rule in eslint.config.mjs keeps it so).
 */
import { createLinter } from './engine/linter';
import { RULES } from './rules';

export const linter = createLinter(RULES);
