import { flagsOf, indexInStage } from '../engine/model';
import { defineRule } from '../engine/rule';
import { runScripts, type RunScript } from '../engine/runScripts';
import { effectiveArgv } from '../shell/commands';
import type { Fix } from '../engine/types';

/** Commands whose effect on the shell would leak into the next command once merged. */
const STATEFUL = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'source', '.', 'alias', 'umask', 'ulimit', 'shopt', 'trap', 'exit', 'unset', 'exec', 'eval', 'readonly', 'declare', 'local', 'typeset']);

export default defineRule({
  meta: {
    id: 'merge-consecutive-runs',
    group: 'layer-cache',
    description: 'Consecutive RUN instructions can be merged into one layer.',
    severity: 'info',
    messages: {
      consecutive: 'This RUN follows another RUN: each one adds a layer. Merge them when they change together.',
    },
    fix: 'suggestion',
    peers: { hadolint: ['DL3059'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const runs = runScripts(model, stage);
      for (let i = 1; i < runs.length; i++) {
        const previous = runs[i - 1];
        const current = runs[i];
        const a = indexInStage(stage, previous.instruction);
        const b = indexInStage(stage, current.instruction);
        // Heredoc RUNs are scripts on purpose (hadolint #805); flags (mounts) differ per RUN.
        if (b !== a + 1 || !plain(previous) || !plain(current)) continue;
        const fix = mergeFix(model.escapeChar, model.source.eol, previous, current);
        report({ messageId: 'consecutive', range: current.instruction.getRange(), suggestions: fix ? [fix] : [] });
      }
    }
  },
});

function plain(run: RunScript): boolean {
  const flags = flagsOf(run.instruction);
  return flags.length === 0 && !run.fromHeredoc && run.body.heredocs.length === 0 && !!run.script && !run.body.text.trimStart().startsWith('[');
}

function mergeFix(escape: string, eol: string, previous: RunScript, current: RunScript): Fix | null {
  const script = previous.script!;
  if (script.hasErrors || script.features.background || current.script!.hasErrors) return null;
  if (script.commands.some((c) => STATEFUL.has(effectiveArgv(c).program ?? ''))) return null;
  const text = previous.body.text;
  const lastEnd = Math.max(...script.commands.map((c) => Math.max(c.end, ...c.redirects.map((r) => r.target?.end ?? 0))));
  if (text.slice(lastEnd).includes('#')) return null;
  const end = previous.instruction.getRange().end;
  const nextStart = current.rangeOf(0, 0).start;
  // Comment lines between the two would be lost: leave those for the author.
  if (current.instruction.getRange().start.line !== end.line + 1) return null;
  return {
    title: 'Merge into the RUN above',
    safe: false,
    edits: [{ range: { start: end, end: nextStart }, newText: ` ${escape}${eol}    && ` }],
  };
}

