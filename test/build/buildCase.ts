/**
 * One build-verification case: a Dockerfile as real projects write them, its build context,
 * and which of a rule's fixes it proves.
 */
import type { ImageConfig, Run } from './buildah';

export interface BuiltImage {
  tag: string;
  config: ImageConfig;
  /** Runs argv in a fresh container of the image (its user, folder and environment). */
  exec(argv: readonly string[], options?: { user?: string; timeoutMs?: number }): Promise<Run>;
  /** Runs the image's own command (ENTRYPOINT + CMD). */
  command(timeoutMs?: number): Promise<Run>;
  /** Starts argv in the image's container and returns at once; `stop` kills it. */
  spawn(argv: readonly string[], onStdout?: (chunk: string) => void): Promise<Service>;
  /** Paths in the image's file tree, with type, mode, owner, size and content digest. */
  files(): Promise<Map<string, string>>;
  /** What each layer was created by, as `docker history` shows it. */
  history(): Promise<string[]>;
}

export interface Service {
  /** The buildah process that runs it (its descendants are the container's processes). */
  pid: number;
  done: Promise<Run>;
  stop(): Promise<Run>;
}

export interface CaseContext {
  before: BuiltImage;
  after: BuiltImage;
  /** The fixed Dockerfile. */
  fixed: string;
}

export interface BuildCase {
  name: string;
  dockerfile: string;
  /** Other files of the build context, by relative path. */
  files?: Record<string, string>;
  /** Makes what text cannot hold (archives) in the build context folder. */
  prepare?: (dir: string) => Promise<void>;
  /**
   * - 'safe': the rule's safe fix applies; both images build and are the same apart from
   *   `intent` (config keys the fix means to change);
   * - a RegExp: the suggestion (or fix) with a matching title; the fixed image builds and
   *   `behaviour` checks that it does what the title says;
   * - 'withheld': no safe fix may be offered here (the edit would break the build or change
   *   the image), whether or not the rule reports; the original is built to show the case is real.
   */
  fix: 'safe' | RegExp | 'withheld';
  /** Config keys the fix is meant to change (safe fixes). */
  intent?: (keyof ImageConfig)[];
  /** The command's output may change by intent too (a command that did not run before). */
  outputChanges?: boolean;
  /** Paths (prefixes) the fix is meant to change (safe fixes), besides package caches. */
  intentPaths?: string[];
  behaviour?: (context: CaseContext) => Promise<void>;
  /** Build arguments, for both builds (the original takes its secret this way). */
  buildArgs?: Record<string, string>;
  /** Build secrets: id to value (written to a host file and passed with --secret). */
  secrets?: Record<string, string>;
  /** The original is expected not to build (the finding is about a broken build). */
  beforeFails?: boolean;
  /**
   * The fixed Dockerfile is expected not to build, with a log that matches: the fix's intent is
   * to stop a build that hid a failure (pipefail). The original must build.
   */
  afterFails?: RegExp;
}

export interface RuleCases {
  rule: string;
  cases: BuildCase[];
}
