import type { Instruction } from 'dockerfile-ast';
import { Env } from 'dockerfile-ast';
import { flagsOf, lineage, type Stage } from '../engine/model';
import { defineRule, isDevContainer } from '../engine/rule';
import { runScripts } from '../engine/runScripts';
import { appendToRun, commandRange, insertAfterWord } from '../engine/shellEdits';
import type { Fix } from '../engine/types';
import { effectiveArgv, findOption, subcommandOf } from '../shell/commands';
import type { ShellCommand } from '../shell/parser';

export default defineRule({
  meta: {
    id: 'package-cache-left',
    group: 'layer-cache',
    description: 'Package manager caches must not be left in the layers of the shipped image.',
    severity: 'info',
    messages: {
      apt: 'apt-get install leaves the package lists (/var/lib/apt/lists, tens of MB) in this layer.',
      apk: 'apk add without --no-cache leaves the package index in this layer.',
      pip: 'pip install keeps its download cache (~/.cache/pip) in this layer.',
      rpm: '{{program}} install leaves its metadata cache in this layer: add "{{program}} clean all" to the same RUN.',
      zypper: 'zypper install leaves its cache in this layer: add "zypper clean --all" to the same RUN.',
    },
    fix: 'safe',
    peers: { hadolint: ['DL3009', 'DL3019', 'DL3032', 'DL3036', 'DL3040', 'DL3042'], trivy: ['DS-0015', 'DS-0019', 'DS-0020', 'DS-0025', 'DS-0027'] },
  },
  check({ model, report, filePath }) {
    const final = model.finalStage;
    // Dev containers are development machines, not shipped images.
    if (!final || isDevContainer(filePath)) return;
    // Only what ships matters: caches in a builder stage never reach the final image.
    const chain = lineage(final);
    // Whether pip's cache is off in each stage (its own ENV or an ancestor's): one pass, oldest first.
    const pipOff = new Map<Stage, boolean>();
    let off = model.globalArgs.has('PIP_NO_CACHE_DIR');
    for (const stage of [...chain].reverse()) {
      off ||= setsPipNoCache(stage);
      pipOff.set(stage, off);
    }
    // RUNs whose apt lists a later RUN still installs from (it runs no `apt-get update` of its
    // own): removing the lists there breaks the build; the later RUN is the place to clean.
    const listsNeededLater = new Set<Instruction>();
    let laterInstallWithoutUpdate = false;
    for (const stage of chain) {
      for (const run of [...runScripts(model, stage)].reverse()) {
        if (laterInstallWithoutUpdate) listsNeededLater.add(run.instruction);
        const commands = run.script?.commands ?? [];
        if (commands.some((c) => isApt(c, 'update'))) laterInstallWithoutUpdate = false;
        else if (commands.some((c) => isApt(c, 'install'))) laterInstallWithoutUpdate = true;
      }
    }
    for (const stage of chain) {
      const pipCacheOff = pipOff.get(stage)!;
      for (const run of runScripts(model, stage)) {
        const script = run.script;
        if (!script) continue;
        const mounts = cacheMounts(run.instruction);
        const removes = script.commands.filter((c) => effectiveArgv(c).program === 'rm').map((c) => c.args.map((a) => a.text).join(' ')).join(' ');
        const cleans = (program: string) => script.commands.some((c) => { const e = effectiveArgv(c); return e.program === program && e.args.some((a) => a.value === 'clean'); });
        for (const command of script.commands) {
          const { program, args } = effectiveArgv(command);
          const sub = subcommandOf(args)?.value;
          const range = commandRange(run, command);
          if ((program === 'apt-get' || program === 'apt') && sub === 'install') {
            // `apt-get dist-clean` (apt 2.7+) removes the lists too.
            if (/\/var\/lib\/apt\/lists/.test(removes) || cleansLists(script.commands) || mounts.some((m) => m.startsWith('/var/lib/apt'))) continue;
            if (listsNeededLater.has(run.instruction)) continue;
            report({ messageId: 'apt', range, ...fixWith(appendToRun(model, run, 'rm -rf /var/lib/apt/lists/*'), 'Remove the apt lists in the same RUN') });
          } else if (program === 'apk' && sub === 'add') {
            if (findOption(args, [], ['--no-cache']) || /\/var\/cache\/apk/.test(removes) || mounts.some((m) => m.startsWith('/var/cache/apk')) || isVirtualDeleted(script.commands)) continue;
            const add = args.find((a) => a.value === 'add')!;
            report({ messageId: 'apk', range, fix: { title: 'Add --no-cache', safe: true, edits: [insertAfterWord(run, add, '--no-cache')] } });
          } else if (program && /^pip3?(\.\d+)?$/.test(program) && sub === 'install') {
            if (pipCacheOff || findOption(args, [], ['--no-cache-dir']) || /\.cache\/pip/.test(removes) || mounts.some((m) => m.includes('.cache/pip') || m.includes('.cache'))) continue;
            const install = args.find((a) => a.value === 'install')!;
            report({ messageId: 'pip', range, fix: { title: 'Add --no-cache-dir', safe: true, edits: [insertAfterWord(run, install, '--no-cache-dir')] } });
          } else if (program && ['yum', 'dnf', 'microdnf', 'tdnf'].includes(program) && sub === 'install') {
            if (cleans(program) || /\/var\/cache\/(yum|dnf)/.test(removes) || mounts.some((m) => m.startsWith('/var/cache/'))) continue;
            report({ messageId: 'rpm', data: { program }, range, ...fixWith(appendToRun(model, run, `${program} clean all`), `Add "${program} clean all"`) });
          } else if (program === 'zypper' && (sub === 'install' || sub === 'in')) {
            if (cleans('zypper') || mounts.some((m) => m.startsWith('/var/cache/zypp'))) continue;
            report({ messageId: 'zypper', range, ...fixWith(appendToRun(model, run, 'zypper clean --all'), 'Add "zypper clean --all"') });
          }
        }
      }
    }
  },
});

function fixWith(edit: ReturnType<typeof appendToRun>, title: string): { fix?: Fix } {
  return edit ? { fix: { title, safe: true, edits: [edit] } } : {};
}

/** `--mount=type=cache,target=…` targets of a RUN. */
function cacheMounts(instruction: Instruction): string[] {
  return flagsOf(instruction)
    .filter((f) => f.getName().toLowerCase() === 'mount')
    .map((f) => new Map(f.getOptions().map((o) => [o.getName().toLowerCase(), o.getValue() ?? ''])))
    .filter((o) => o.get('type') === 'cache')
    .map((o) => o.get('target') ?? o.get('dst') ?? o.get('destination') ?? '');
}

/** `apk add --virtual .deps … && apk del .deps` removes what it added, index included. */
function isVirtualDeleted(commands: ShellCommand[]): boolean {
  return commands.some((c) => effectiveArgv(c).program === 'apk' && c.args.some((a) => a.value === 'del'));
}

function setsPipNoCache(stage: Stage): boolean {
  return stage.instructions.some((i) => i instanceof Env && i.getProperties().some((p) => p.getName() === 'PIP_NO_CACHE_DIR' && !/^(0|false|no|off)$/i.test(p.getValue() ?? '')));
}


function cleansLists(commands: ShellCommand[]): boolean {
  return commands.some((c) => { const e = effectiveArgv(c); return (e.program === 'apt-get' || e.program === 'apt') && e.args.some((a) => a.value === 'dist-clean'); });
}

/** `apt-get <subcommand>` or `apt <subcommand>`. */
function isApt(command: ShellCommand, subcommand: string): boolean {
  const { program, args } = effectiveArgv(command);
  return (program === 'apt-get' || program === 'apt') && subcommandOf(args)?.value === subcommand;
}
