import type { Instruction } from 'dockerfile-ast';
import { Env } from 'dockerfile-ast';
import { type Stage } from '../engine/dockerfile/model';
import { flagsOf } from '../engine/dockerfile/instructions';
import { lineage } from '../engine/dockerfile/stageLineage';
import { defineRule, type ReportDescriptor } from '../engine/rule';
import { runScripts } from '../engine/dockerfile/runScripts';
import { skippedByDefault } from '../engine/dockerfile/defaultBuild';
import { appendToRun, commandRange, insertAfterWord } from '../engine/edits/shellEdits';
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
      aptShared: 'The package lists this RUN fetches stay in its layer, because a later RUN installs from them: give that RUN its own "apt-get update", and remove the lists at the end of each.',
      apk: 'apk add without --no-cache leaves the package index in this layer.',
      pip: 'pip install keeps its download cache (~/.cache/pip) in this layer.',
      rpm: '{{program}} install leaves its metadata cache in this layer: add "{{program}} clean all" to the same RUN.',
      zypper: 'zypper install leaves its cache in this layer: add "zypper clean --all" to the same RUN.',
    },
    applicability: ['safe', 'suggestion'],
    roles: { build: 'off', test: 'off', dev: 'off', tool: 'off' },
    peers: { hadolint: ['DL3009', 'DL3019', 'DL3032', 'DL3036', 'DL3040', 'DL3042'], trivy: ['DS-0015', 'DS-0019', 'DS-0020', 'DS-0025', 'DS-0027'] },
  },
  check({ model, report: reportFinding }) {
    const final = model.finalStage;
    // Dev containers are development machines, not shipped images.
    if (!final) return;
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
        const removes = script.commands
          .filter((c) => effectiveArgv(c).program === 'rm')
          .map((c) => c.args.map((a) => a.text).join(' '))
          .join(' ');
        // A clean that runs after this command: one before the install (trivy's DS015 case), or
        // `yum clean metadata` that leaves the packages, cleans nothing the install leaves.
        const cleansAfter = (program: string, command: ShellCommand, what: RegExp) =>
          script.commands.slice(script.commands.indexOf(command) + 1).some((c) => {
            const e = effectiveArgv(c);
            const words = e.args.map((a) => a.value ?? '');
            const at = words.findIndex((w) => w === 'clean' || (program === 'zypper' && w === 'cc'));
            return e.program === program && at >= 0 && what.test(words.slice(at + 1).join(' '));
          });
        // One finding per cache and RUN: two installs in one RUN leave one cache, and one fix
        // cleans it. Per-command fixes (a flag on each `apk add`, `pip install`) gather on the
        // first finding, so its fix leaves none of them behind.
        const byCache = new Map<string, ReportDescriptor>();
        const report = (descriptor: ReportDescriptor) => {
          const cache = descriptor.messageId.replace(/Shared$/, '');
          const first = byCache.get(cache);
          if (!first) byCache.set(cache, descriptor);
          else if (PER_COMMAND_FIX.has(cache)) {
            if (first.fix && descriptor.fix) first.fix = { ...first.fix, edits: [...first.fix.edits, ...descriptor.fix.edits] };
            const [firstSuggestion] = first.suggestions ?? [];
            const [suggestion] = descriptor.suggestions ?? [];
            if (firstSuggestion && suggestion) first.suggestions = [{ ...firstSuggestion, edits: [...firstSuggestion.edits, ...suggestion.edits] }];
          }
        };
        for (const command of script.commands) {
          // A debug-only branch (`if [ "$INSTALL_DEBUG" ]` with no default) leaves nothing in the default image.
          if (skippedByDefault(model, stage, run, command)) continue;
          const { program, args } = effectiveArgv(command);
          const sub = subcommandOf(args)?.value;
          const range = commandRange(run, command);
          if ((program === 'apt-get' || program === 'apt') && sub === 'install') {
            // `apt-get dist-clean` (apt 2.7+) removes the lists too; so does `rm -rf /var/lib/apt`.
            if (removesPath(script.commands, '/var/lib/apt/lists') || cleansLists(script.commands) || mounts.some((m) => m.startsWith('/var/lib/apt'))) continue;
            // The lists come from the layer that ran `apt-get update`: an install without one adds
            // none, and removing them here would not make the image smaller.
            if (!script.commands.some((c) => isApt(c, 'update'))) continue;
            // A later RUN installs from these lists: removing them here breaks it, and removing
            // them there saves nothing. The later RUN needs its own update.
            if (listsNeededLater.has(run.instruction)) {
              report({ messageId: 'aptShared', range });
              continue;
            }
            report({ messageId: 'apt', range, ...fixWith(appendToRun(model, run, 'rm -rf /var/lib/apt/lists/*'), 'Remove the apt lists in the same RUN') });
          } else if (program === 'apk' && sub === 'add') {
            if (findOption(args, [], ['--no-cache']) || /\/var\/cache\/apk/.test(removes) || mounts.some((m) => m.startsWith('/var/cache/apk')) || isVirtualDeleted(script.commands)) continue;
            const add = args.find((a) => a.value === 'add')!;
            report({ messageId: 'apk', range, suggestions: [{ title: 'Add --no-cache', edits: [insertAfterWord(run, add, '--no-cache')] }] });
          } else if (program && /^pip3?(\.\d+)?$/.test(program) && sub === 'install') {
            // pip's option parser takes any unambiguous prefix: `--no-cache` is `--no-cache-dir`.
            // `PIP_NO_CACHE_DIR=yes pip install …`: the variable set for this command only.
            const inline = command.assignments.some((a) => /^PIP_NO_CACHE_DIR=(?!["']?(0|false|no|off)["']?$)/i.test(a));
            if (pipCacheOff || inline || findOption(args, [], ['--no-cache-dir', '--no-cache']) || removesPipCache(removes) || mounts.some((m) => m.includes('.cache/pip') || m.includes('.cache')))
              continue;
            const install = args.find((a) => a.value === 'install')!;
            report({ messageId: 'pip', range, fix: { title: 'Add --no-cache-dir', edits: [insertAfterWord(run, install, '--no-cache-dir')] } });
          } else if (program && ['yum', 'dnf', 'microdnf', 'tdnf'].includes(program) && RPM_FETCHES.has(sub ?? '')) {
            if (cleansAfter(program, command, /\ball\b/) || /\/var\/cache\/(yum|dnf)/.test(removes) || mounts.some((m) => m.startsWith('/var/cache/'))) continue;
            report({ messageId: 'rpm', data: { program }, range, ...suggestWith(appendToRun(model, run, `${program} clean all`), `Add "${program} clean all"`) });
          } else if (program === 'zypper' && ZYPPER_FETCHES.has(sub ?? '')) {
            if (cleansAfter('zypper', command, /.*/) || /\/var\/cache\/zypp/.test(removes) || mounts.some((m) => m.startsWith('/var/cache/zypp'))) continue;
            report({ messageId: 'zypper', range, ...suggestWith(appendToRun(model, run, 'zypper clean --all'), 'Add "zypper clean --all"') });
          }
        }
        for (const descriptor of byCache.values()) reportFinding(descriptor);
      }
    }
  },
});

/** Caches whose fix (or suggestion) is a flag on each install command; the others' fix is one command at the end of the RUN. */
const PER_COMMAND_FIX = new Set(['apk', 'pip']);

function fixWith(edit: ReturnType<typeof appendToRun>, title: string): { fix?: Fix } {
  return edit ? { fix: { title, edits: [edit] } } : {};
}

/**
 * The same edit as a suggestion: for package managers whose distributions cannot be built on
 * the machines that run the build suite (Alpine, Fedora, openSUSE), so no build proves it safe.
 */
function suggestWith(edit: ReturnType<typeof appendToRun>, title: string): { suggestions?: Fix[] } {
  return edit ? { suggestions: [{ title, edits: [edit] }] } : {};
}

/** `rm -rf ~/.cache/pip`, or of the whole `.cache` folder above it (FlareSolverr's `rm -rf /root/.cache`). */
function removesPipCache(removes: string): boolean {
  return /\.cache\/pip/.test(removes) || /\.cache\/?\*?(\s|$)/.test(removes);
}

/** `rm` of the path or a folder above it (`rm -rf /var/lib/apt`, `rm -rf /var/lib/apt/lists/*`). */
function removesPath(commands: ShellCommand[], path: string): boolean {
  return commands.some((c) => {
    const { program, args } = effectiveArgv(c);
    if (program !== 'rm') return false;
    return args.some((a) => {
      const target = (a.value ?? a.text).replace(/\/\*$|\/$/, '');
      return target.startsWith('/') && (path === target || path.startsWith(`${target}/`) || target.startsWith(`${path}/`));
    });
  });
}

/** `--mount=type=cache|tmpfs,target=…` targets of a RUN: nothing written there stays in the layer. */
function cacheMounts(instruction: Instruction): string[] {
  return flagsOf(instruction)
    .filter((f) => f.getName().toLowerCase() === 'mount')
    .map((f) => new Map(f.getOptions().map((o) => [o.getName().toLowerCase(), o.getValue() ?? ''])))
    .filter((o) => o.get('type') === 'cache' || o.get('type') === 'tmpfs')
    .map((o) => o.get('target') ?? o.get('dst') ?? o.get('destination') ?? '');
}

/** `apk add --virtual .deps … && apk del .deps` removes what it added, index included. */
function isVirtualDeleted(commands: ShellCommand[]): boolean {
  return commands.some((c) => effectiveArgv(c).program === 'apk' && c.args.some((a) => a.value === 'del'));
}

function setsPipNoCache(stage: Stage): boolean {
  return stage.instructions.some((i) => i instanceof Env && i.getProperties().some((p) => p.getName() === 'PIP_NO_CACHE_DIR' && !/^(0|false|no|off)$/i.test(p.getValue() ?? '')));
}

/** yum/dnf/microdnf commands that download metadata and packages into the cache, aliases included. */
const RPM_FETCHES = new Set(['install', 'in', 'reinstall', 'rei', 'upgrade', 'up', 'update', 'upgrade-minimal', 'up-min', 'groupinstall', 'localinstall', 'distro-sync', 'dsync']);
/** zypper commands that refresh and download into its cache. */
const ZYPPER_FETCHES = new Set(['install', 'in', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'remove', 'rm', 'source-install', 'si']);

function cleansLists(commands: ShellCommand[]): boolean {
  return commands.some((c) => {
    const e = effectiveArgv(c);
    return (e.program === 'apt-get' || e.program === 'apt') && e.args.some((a) => a.value === 'dist-clean');
  });
}

/** `apt-get <subcommand>` or `apt <subcommand>`. */
function isApt(command: ShellCommand, subcommand: string): boolean {
  const { program, args } = effectiveArgv(command);
  return (program === 'apt-get' || program === 'apt') && subcommandOf(args)?.value === subcommand;
}
