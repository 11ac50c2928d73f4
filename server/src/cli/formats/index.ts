/** The output formats of `lint --format`, by name: one table, typed, so a name is checked once. */
import type { Rule } from '../../engine/rule';
import type { BaselineEntry } from '../baseline';
import type { ReportedFinding } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import type { FileResult, SkippedFile } from './types';
import { formatCheckstyle, formatJunit } from './xml';

export interface FormatInput {
  results: FileResult[];
  reported: ReportedFinding[];
  skipped: SkippedFile[];
  rules: readonly Rule[];
  cwd: string;
  /** Stylish only: colour (a terminal without NO_COLOR) and the count of safe fixes not applied. */
  color: boolean;
  fixableCount: number;
  /** Stylish only: the terminal's width, when the output is a terminal. */
  width?: number;
  /** SARIF only: baseline entries no finding matched (`baselineState: absent`). */
  absent?: BaselineEntry[];
}

export const FORMATS = {
  stylish: (input: FormatInput) => formatStylish(input.reported, { color: input.color, fixableCount: input.fixableCount, skipped: input.skipped, width: input.width }),
  json: (input: FormatInput) => formatJson(input.reported, input.skipped),
  sarif: (input: FormatInput) => formatSarif(input.results, input.rules, input.cwd, input.skipped, input.absent),
  github: (input: FormatInput) => formatGithub(input.results, input.skipped),
  checkstyle: (input: FormatInput) => formatCheckstyle(input.results),
  junit: (input: FormatInput) => formatJunit(input.results),
} satisfies Record<string, (input: FormatInput) => string>;

export type FormatName = keyof typeof FORMATS;

export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}
