/**
 * The command line: `dockerfile-hardening <command> [options]`. Each command parses its own
 * options (lintCommand.ts, rulesCommand.ts, pinCommand.ts), so an option of one is an error for
 * another instead of being ignored.
 */
import { lint, parseLintArgs } from './lintCommand';
import { pinMain } from './pinCommand';
import { rolesCommand } from './rolesCommand';
import { rulesCommand } from './rulesCommand';
import { usage, UsageError } from './usage';

declare const VERSION: string;

const HELP = `Usage: dockerfile-hardening <command> [options]

Commands:
  lint [paths...]     Check Dockerfiles, compose files, dev containers, .dockerignore files, CI
                      pipelines and Kubernetes manifests. Folders are searched recursively;
                      "-" reads a Dockerfile from stdin.
  rules               List the rules with their group and default severity (--format json for tools).
  roles [paths...]    Show the role each Dockerfile and stage was judged to have (shipped service,
                      base, build-only stage, test, dev, tool) and why (--format json for tools).
  pin [paths...]      Pin base images (FROM, ARG defaults, # syntax=) by digest, in place.
                      --exact also moves floating tags to the exact version; --check only
                      reports what is unpinned (no network) and exits 1 if anything is.

Options for lint:
  -f, --format <name>     stylish (default), json, sarif, github, checkstyle, junit, or diff
                          (with --fix --dry-run)
      --fix               Apply safe fixes to the files, then report what is left
      --dry-run           With --fix: write nothing; with --format diff, print the fixes as a
                          unified diff (git apply) and exit 1 if there is anything to fix
      --suggestions       With --format diff: each suggestion too, as its own marked patch
      --write-baseline <file>  Record every finding of this run in a baseline file (exit 0)
      --baseline <file>   Report and fail only on findings that are not in the baseline
      --fail-on <level>   Lowest severity that makes the exit status 1: error, warning (default), info, hint
      --ignore <id>       Turn off a rule or a whole group (repeatable)
      --config <file>     Use this config file instead of the nearest .dockerfile-hardening.json
      --stdin-filename <name>  File name to report for "-"
      --jobs <n>          Threads to lint with (default: one per core but one, for large runs)
      --file-timeout <s>  Skip a file, saying so, when it takes longer than this (default 10)
  -h, --help              Show this help
  -v, --version           Print the version

Exit status: 0 nothing at or above --fail-on, 1 something is (or a file was skipped past
--file-timeout), 2 usage or internal error.
`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  lint: (args) => {
    const { paths, flags } = parseLintArgs(args);
    return lint(paths, flags);
  },
  rules: rulesCommand,
  roles: rolesCommand,
  pin: pinMain,
};

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '-v' || first === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (first === undefined || first === '-h' || first === '--help') {
    process.stdout.write(HELP);
    return first === undefined ? 2 : 0;
  }
  const command = COMMANDS[first];
  if (!command) return usage(first.startsWith('-') ? `a command comes first, before "${first}"` : `unknown command "${first}"`);
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(HELP);
    return 0;
  }
  try {
    return await command(rest);
  } catch (error) {
    // parseArgs throws errors with an ERR_PARSE_ARGS_* code for unknown options and missing values.
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return usage((error as Error).message);
    process.stderr.write(`dockerfile-hardening: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`dockerfile-hardening: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
