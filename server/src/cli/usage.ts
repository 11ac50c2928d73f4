/** Usage errors: the command line itself is wrong (exit status 2, with a pointer to --help). */
export class UsageError extends Error {}

export function usage(message: string): number {
  process.stderr.write(`dockerfile-hardening: ${message}\nRun "dockerfile-hardening --help" for usage.\n`);
  return 2;
}
