/** `dockerfile-hardening rules [--format json]`: the rule list, for people or for tools. */
import { parseArgs } from 'node:util';
import { docsUrl } from '../../../shared/ids';
import { linter } from '../defaultLinter';
import { UsageError } from './usage';

export async function rulesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { format: { type: 'string', short: 'f', default: 'text' } } });
  if (positionals.length > 0) throw new UsageError(`rules takes no paths (got "${positionals[0]}")`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('rules --format takes text or json');
  return listRules(values.format === 'json');
}

function listRules(json: boolean): number {
  if (json) {
    const rules = linter.rules.map((r) => ({
      id: r.meta.id,
      group: r.meta.group,
      severity: r.meta.severity,
      applicability: r.meta.applicability,
      description: r.meta.description,
      docs: docsUrl(r.meta.id),
      peers: r.meta.peers ?? {},
    }));
    process.stdout.write(`${JSON.stringify({ rules }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...linter.rules.map((r) => r.meta.id.length));
  for (const rule of linter.rules) {
    process.stdout.write(`${rule.meta.id.padEnd(width)}  ${rule.meta.group.padEnd(16)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.description}\n`);
  }
  return 0;
}
