import type { Finding } from '../../engine/types';

/** What a formatter gets: every file that was checked (clean ones too) and its findings. */
export interface FileResult {
  /** The path as reported: relative to the working directory, forward slashes. */
  file: string;
  findings: Finding[];
}
