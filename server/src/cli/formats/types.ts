import type { Finding } from '../../engine/types';

/** What a formatter gets: every file that was checked (clean ones too) and its findings. */
export interface FileResult {
  /** The path as reported: relative to the working directory, forward slashes. */
  file: string;
  findings: Finding[];
}

/** A file that was found but not checked: it ran past the per-file budget, or the tool failed on it. */
export interface SkippedFile {
  file: string;
  reason: string;
}
