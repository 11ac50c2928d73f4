import { Arg, Env } from 'dockerfile-ast';
import { deleteInstruction } from '../engine/edits/edits';
import { argumentsOf } from '../engine/dockerfile/instructions';
import { defineRule } from '../engine/rule';
import { allCommands, commandRange, removeOption } from '../engine/edits/shellEdits';
import { runScripts } from '../engine/dockerfile/runScripts';
import type { DockerfileModel } from '../engine/dockerfile/model';
import type { Fix } from '../engine/types';
import { effectiveArgv, findOption } from '../shell/commands';

/** Environment variables that turn verification off, and the values that do it. */
const INSECURE_ENV: Record<string, (value: string) => boolean> = {
  NODE_TLS_REJECT_UNAUTHORIZED: (v) => v === '0',
  // git checks only that the variable is set (http.c: `if (getenv("GIT_SSL_NO_VERIFY"))`): "0",
  // "false" and the empty string turn verification off too.
  GIT_SSL_NO_VERIFY: () => true,
  PYTHONHTTPSVERIFY: (v) => v === '0',
  PIP_TRUSTED_HOST: (v) => v !== '',
  NPM_CONFIG_STRICT_SSL: (v) => v.toLowerCase() === 'false',
  CURL_CA_BUNDLE: (v) => v === '',
};

export default defineRule({
  meta: {
    id: 'tls-verification-disabled',
    group: 'other-security',
    description: 'Downloads during the build must verify TLS certificates.',
    severity: 'warning',
    messages: {
      option: '{{program}} {{option}} turns off certificate checks: anyone on the network path can replace what is downloaded.',
      config: '{{what}} turns off certificate checks for later downloads: anyone on the network path can replace what is downloaded.',
      env: '{{name}}={{value}} turns off certificate checks for every process that reads it.',
      gitAnyValue: '{{name}}={{value}} turns off certificate checks for git: git turns them off whenever the variable is set, whatever its value ("0" and "false" too).',
    },
    applicability: ['suggestion'],
    roles: { dev: 'info' },
    applicabilityNote: 'suggestion (remove the option)',
    peers: { checkov: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16'] },
  },
  check({ model, report }) {
    for (const site of allCommands(model)) {
      const { run, command } = site;
      const { program, args } = effectiveArgv(command);
      const words = args.map((a) => a.value ?? '');
      const remove = (word: (typeof args)[number], letter?: string): Fix[] => [
        { title: `Remove ${letter ? `-${letter}` : word.value} (downloads must then pass certificate checks)`, edits: [removeOption(model, run, word, letter)] },
      ];
      if (program === 'curl') {
        const word = findOption(args, ['-k'], ['--insecure']);
        if (word)
          report({
            messageId: 'option',
            data: { program, option: word.value === '--insecure' ? '--insecure' : '-k' },
            range: commandRange(run, command),
            suggestions: remove(word, word.value === '--insecure' || word.value === '-k' ? undefined : 'k'),
          });
      } else if (program === 'wget') {
        const word = findOption(args, [], ['--no-check-certificate']);
        if (word) report({ messageId: 'option', data: { program, option: '--no-check-certificate' }, range: commandRange(run, command), suggestions: remove(word) });
      } else if (program && /^pip3?(\.\d+)?$/.test(program)) {
        const word = findOption(args, [], ['--trusted-host']);
        if (word) report({ messageId: 'option', data: { program, option: '--trusted-host' }, range: commandRange(run, command) });
      } else if (
        program === 'git' &&
        (words.some((w) => /^http\.sslverify=(false|0)$/i.test(w)) || (words[0] === 'config' && words.some((w) => /^http\.sslverify$/i.test(w)) && /^(false|0)$/i.test(words[words.length - 1])))
      ) {
        report({ messageId: 'config', data: { what: 'git http.sslVerify=false' }, range: commandRange(run, command) });
      } else if ((program === 'npm' || program === 'yarn' || program === 'pnpm') && setsStrictSslOff(words)) {
        report({ messageId: 'config', data: { what: `${program} config set strict-ssl false` }, range: commandRange(run, command) });
      } else if (program && ['yum', 'dnf', 'yum-config-manager', 'dnf-config-manager'].includes(program) && words.some((w) => /^--setopt=([\w.*-]+\.)?sslverify=(0|false|no)$/i.test(w))) {
        report({ messageId: 'config', data: { what: `${program} --setopt=sslverify=0` }, range: commandRange(run, command) });
      }
      // `NAME=value cmd` for the one command.
      for (const assignment of command.assignments) {
        const [name, ...rest] = assignment.split('=');
        const value = rest.join('=').replace(/^["']|["']$/g, '');
        if (insecureEnv(name)?.(value)) report({ messageId: envMessage(name), data: { name, value }, range: commandRange(run, command) });
      }
    }
    // `export NAME=value` for the rest of the RUN: the shell parser keeps declarations out of its
    // command list, so they are read from the RUN's text (outside quotes, as written).
    for (const run of runScriptsOf(model)) {
      for (const match of run.body.text.matchAll(/(?:^|[;&|(\s])(?:export|declare\s+-x)\s+(\w+)=("[^"]*"|'[^']*'|[^\s;&|]*)/g)) {
        const [, name, raw] = match;
        const value = raw.replace(/^["']|["']$/g, '');
        if (insecureEnv(name)?.(value)) report({ messageId: envMessage(name), data: { name, value }, range: run.rangeOf(match.index! + match[0].indexOf(name), match.index! + match[0].length) });
      }
    }
    for (const instruction of model.ast.getInstructions()) {
      if (!(instruction instanceof Env) && !(instruction instanceof Arg)) continue;
      for (const property of instruction.getProperties()) {
        const name = property.getName();
        const raw = property.getValue();
        // `ARG NAME` without a default sets nothing unless the build passes a value.
        if (raw === null && instruction instanceof Arg) continue;
        const value = (raw ?? '').replace(/^["']|["']$/g, '');
        if (!insecureEnv(name)?.(value)) continue;
        const fix: Fix[] = argumentsOf(instruction).length === 1 ? [{ title: `Remove ${name}`, edits: [deleteInstruction(model, instruction)] }] : [];
        report({ messageId: envMessage(name), data: { name, value }, range: property.getRange(), suggestions: fix });
      }
    }
  },
});

function runScriptsOf(model: DockerfileModel) {
  return model.stages.flatMap((stage) => runScripts(model, stage));
}

/** npm reads its `npm_config_*` variables in any case (`npm_config_strict_ssl=false`). */
function insecureEnv(name: string): ((value: string) => boolean) | undefined {
  return INSECURE_ENV[name] ?? (/^npm_config_/i.test(name) ? INSECURE_ENV[name.toUpperCase()] : undefined);
}

/** `npm config set strict-ssl false`, also `npm set …`, `npm c set …` and `strict-ssl=false` in one word. */
function setsStrictSslOff(words: readonly string[]): boolean {
  const rest = words[0] === 'config' || words[0] === 'c' ? words.slice(1) : words;
  if (rest[0] !== 'set') return false;
  const [key, value] = rest[1]?.includes('=') ? rest[1].split('=') : [rest[1], rest[2]];
  return key?.replace(/^["']|["']$/g, '') === 'strict-ssl' && value?.replace(/^["']|["']$/g, '') === 'false';
}

function envMessage(name: string): 'env' | 'gitAnyValue' {
  return name === 'GIT_SSL_NO_VERIFY' ? 'gitAnyValue' : 'env';
}
