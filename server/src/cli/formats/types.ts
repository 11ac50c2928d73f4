import type { Finding } from '../../engine/types';

/** What a formatter gets: every file that was checked (clean ones too) and its findings. */
export interface FileResult {
  /** The path as reported: relative to the working directory, or to the folder argument it was found in; forward slashes. */
  file: string;
  /** The absolute path (not for stdin): SARIF locates files from the working directory. */
  path?: string;
  /** Each finding's baseline fingerprint (baseline.ts), in the findings' order. */
  fingerprints?: string[];
  /** With --baseline: whether each finding is new or was in the baseline. */
  baselineStates?: ('new' | 'unchanged')[];
  findings: Finding[];
}

/** A file that was found but not checked: it ran past the per-file budget, or the tool failed on it. */
export interface SkippedFile {
  file: string;
  reason: string;
}
