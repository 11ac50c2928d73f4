import { Env } from 'dockerfile-ast';
import { defineRule } from '../engine/rule';
import { allCommands, wordRange } from '../engine/edits/shellEdits';
import { effectiveArgv, findOption } from '../shell/commands';
import { urlHost } from '../engine/knowledge/urls';

/**
 * `pip install --extra-index-url <index>`: pip looks every requirement up on PyPI as well and takes
 * the highest version from either, so whoever publishes a package under a private name on PyPI
 * gets it installed (dependency confusion; PyTorch's torchtriton in December 2022). Public wheel
 * indexes (PyTorch's, NVIDIA's, piwheels, anaconda.org) are the same mechanism without private
 * names to steal: info, said as what it is.
 */
const PUBLIC_WHEEL_INDEXES =
  /^https?:\/\/(download\.pytorch\.org|pypi\.nvidia\.com|data\.pyg\.org|storage\.googleapis\.com\/jax-releases|pypi\.ngc\.nvidia\.com|(www\.)?piwheels\.org|pypi\.anaconda\.org)(\/|$)/i;

export default defineRule({
  meta: {
    id: 'pip-extra-index',
    group: 'other-security',
    description: 'pip must not search PyPI and a second index for the same names (--extra-index-url): dependency confusion.',
    severity: 'warning',
    messages: {
      extra:
        'pip looks every package up on {{host}} and on PyPI and installs the higher version: anyone can publish a package with one of your private names on PyPI and have it installed (dependency confusion). Use --index-url with an index that proxies PyPI, or --require-hashes.',
      extraPublic:
        'pip looks every package up on {{host}} and on PyPI and installs the higher version from either: a package published there under a PyPI name shadows the real one (as torchtriton did). Prefer --index-url for the packages that come from there, or --require-hashes.',
      env: 'PIP_EXTRA_INDEX_URL makes every later pip install look packages up on {{host}} and on PyPI and install the higher version (dependency confusion). Use PIP_INDEX_URL with an index that proxies PyPI.',
    },
    severityNote: 'info for public wheel indexes (PyTorch, NVIDIA)',
    applicability: [],
    applicabilityNote: 'none (the index to use instead is the team’s)',
    roles: { test: 'info', dev: 'info' },
    peers: {},
  },
  check({ model, report }) {
    for (const { run, command } of allCommands(model)) {
      const { program, args } = effectiveArgv(command);
      const pip = program !== null && (/^pip[\d.]*$/.test(program) || (/^python[\d.]*$/.test(program) && args[0]?.value === '-m' && /^pip$/.test(args[1]?.value ?? '')));
      if (!pip || findOption(args, [], ['--require-hashes'])) continue;
      for (let i = 0; i < args.length; i++) {
        const value = args[i].value ?? args[i].text;
        const url = value === '--extra-index-url' ? (args[i + 1]?.value ?? args[i + 1]?.text) : value.startsWith('--extra-index-url=') ? value.slice('--extra-index-url='.length) : null;
        if (url === null || url === undefined) continue;
        const isPublic = PUBLIC_WHEEL_INDEXES.test(url.replace(/^["']/, ''));
        report({ messageId: isPublic ? 'extraPublic' : 'extra', data: { host: urlHost(url) ?? 'a second index' }, range: wordRange(run, args[i]), ...(isPublic ? { severity: 'info' as const } : {}) });
      }
    }
    for (const instruction of model.ast.getInstructions()) {
      if (!(instruction instanceof Env)) continue;
      for (const property of instruction.getProperties()) {
        if (property.getName() !== 'PIP_EXTRA_INDEX_URL') continue;
        const url = property.getValue() ?? '';
        report({ messageId: 'env', data: { host: urlHost(url) ?? 'a second index' }, range: property.getRange(), ...(PUBLIC_WHEEL_INDEXES.test(url) ? { severity: 'info' as const } : {}) });
      }
    }
  },
});
