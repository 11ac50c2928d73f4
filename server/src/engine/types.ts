import type { Group, Severity } from '../../../shared/ids';

export type { Group, Severity };

/** Zero-based line and UTF-16 column, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * A change that resolves a finding. `safe` fixes keep the image's behaviour and may be
 * applied without review (fix-all, `--fix`); suggestions are offered, never applied blindly.
 */
/**
 * An edit a finding offers. Its applicability is where it sits: a finding's `fix` is safe (fix-all
 * applies it), its `suggestions` are only offered.
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Changes to other files (a .dockerignore to create or extend), by absolute path. */
  otherFiles?: { path: string; create: boolean; edits: TextEdit[] }[];
}

export type DiagnosticTag = 'unnecessary' | 'deprecated';

export interface Finding {
  ruleId: string;
  group: Group;
  severity: Severity;
  messageId: string;
  message: string;
  range: Range;
  /** The preferred fix, if one exists. */
  fix?: Fix;
  /** Alternatives a user may pick; never applied by fix-all. */
  suggestions?: Fix[];
  tags?: DiagnosticTag[];
  /** For Dockerfile findings: the role of the stage it is in, and why (roles.ts). */
  role?: { role: import('./roles').ImageRole; why: string };
}
