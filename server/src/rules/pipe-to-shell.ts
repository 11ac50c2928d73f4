import { defineRule } from '../engine/rule';
import { allCommands, commandRange, type CommandSite } from '../engine/edits/shellEdits';
import { effectiveArgv } from '../shell/commands';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'python', 'python3', 'perl', 'ruby', 'node', 'php']);

export default defineRule({
  meta: {
    id: 'pipe-to-shell',
    group: 'other-security',
    description: 'Downloaded scripts must not be piped straight into a shell or interpreter.',
    severity: 'warning',
    messages: {
      piped: '{{downloader}} output is piped into {{interpreter}}: whatever the server sends runs, unchecked, during the build.',
      substituted: 'A script downloaded with {{downloader}} runs unchecked during the build ({{interpreter}} reads it from a substitution).',
    },
    applicability: [],
    roles: { test: 'info', dev: 'info' },
  },
  check({ model, report }) {
    const pipelines = new Map<string, { downloader: string | null; sites: CommandSite[] }>();
    for (const site of allCommands(model)) {
      const { program, args } = effectiveArgv(site.command);
      if (!program) continue;
      // bash <(curl …), sh -c "$(wget -qO- …)"
      if (INTERPRETERS.has(program)) {
        const text = args.map((a) => a.text).join(' ');
        const downloader = /(?:<\(|\$\()\s*(curl|wget)\b/.exec(text);
        if (downloader) {
          report({ messageId: 'substituted', data: { downloader: downloader[1], interpreter: program }, range: commandRange(site.run, site.command) });
          continue;
        }
      }
      const pipeline = site.command.pipeline;
      if (!pipeline) continue;
      const key = `${site.run.instruction.getRange().start.line}:${pipeline.id}`;
      const entry = pipelines.get(key) ?? { downloader: null, sites: [] };
      pipelines.set(key, entry);
      if (DOWNLOADERS.has(program)) entry.downloader = program;
      else if (entry.downloader && INTERPRETERS.has(program)) {
        const first = entry.sites[0] ?? site;
        const range = { start: commandRange(first.run, first.command).start, end: commandRange(site.run, site.command).end };
        report({ messageId: 'piped', data: { downloader: entry.downloader, interpreter: program }, range });
      }
      entry.sites.push(site);
    }
  },
});
