import { displayName, type ImageRef } from '../engine/knowledge/imageRef';
import { keywordOf } from '../engine/dockerfile/instructions';
import { defineRule } from '../engine/rule';
import { commandsInLineage, installedPackages, programName } from '../engine/dockerfile/runScripts';

/** Tools a full image has that its slim variant lacks; a Dockerfile using them needs the full image or an install. */
const FULL_IMAGE_TOOLS = new Set(['curl', 'wget', 'git', 'gcc', 'g++', 'cc', 'make', 'cmake', 'ssh', 'scp', 'bzip2', 'xz', 'unzip', 'svn', 'hg', 'mysql', 'psql', 'patch', 'file', 'procps', 'ps']);

/**
 * The slim variant of the same version, following each image's own tag naming:
 * node `22.4.1-bookworm` → `22.4.1-bookworm-slim`, python `3.12.4-bookworm` → `3.12.4-slim-bookworm`,
 * debian `12.5` → `12.5-slim`, eclipse-temurin `21-jdk` → `21-jre`.
 */
export function slimTag(ref: ImageRef): string | null {
  const tag = ref.tag;
  if (!ref.official || !tag || /slim|alpine|jre|distroless|windowsservercore|nanoserver/.test(tag) || tag === 'latest') return null;
  switch (ref.name) {
    case 'node':
    case 'debian':
      return `${tag}-slim`;
    case 'python':
    case 'ruby':
    case 'perl':
    case 'rust': {
      const codename = /^(.*?)-(bookworm|bullseye|buster|trixie)$/.exec(tag);
      return codename ? `${codename[1]}-slim-${codename[2]}` : `${tag}-slim`;
    }
    case 'eclipse-temurin':
    case 'sapmachine':
      return /jdk/.test(tag) ? tag.replace('jdk', 'jre') : /^\d+(\.\d+)*(_\d+)?$/.test(tag) ? `${tag}-jre` : null;
    default:
      return null;
  }
}

/** What the full variant carries that the small one does not, per image. */
const EXTRAS: Record<string, string> = {
  node: 'compilers, headers, version control and hundreds of packages',
  python: 'compilers, headers, version control and hundreds of packages',
  ruby: 'compilers, headers, version control and hundreds of packages',
  perl: 'compilers, headers, version control and hundreds of packages',
  rust: 'version control, headers and hundreds of packages',
  debian: 'documentation, man pages and locales',
  'eclipse-temurin': 'the whole JDK: compiler and development tools',
  sapmachine: 'the whole JDK: compiler and development tools',
};

export default defineRule({
  meta: {
    id: 'prefer-slim-base',
    group: 'minimal-base',
    description: 'The final image should use the slim variant of its base image where one exists.',
    severity: 'info',
    messages: {
      slim: '{{image}} is the full image ({{extra}}). {{slim}} has the same runtime with less to download, patch and scan.',
    },
    applicability: ['suggestion'],
    roles: { base: 'hint', build: 'off', test: 'off', dev: 'off', tool: 'hint' },
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage || stage.parent) return;
    const { ref, range } = stage.base;
    if (!ref || !range || ref.digest) return;
    const slim = slimTag(ref);
    if (!slim) return;
    const name = displayName(ref);
    // A slim image lacks curl, git, compilers…: offer the switch only when the Dockerfile does not rely on them.
    const commands = commandsInLineage(model, [stage]);
    const installed = installedPackages(commands);
    const needsFullImage = commands.some((c) => {
      const program = programName(c);
      return !!program && FULL_IMAGE_TOOLS.has(program) && !installed.has(program);
    });
    const hasRuns = stage.instructions.some((i) => keywordOf(i) === 'RUN');
    report({
      messageId: 'slim',
      data: { image: `${name}:${ref.tag}`, slim: `${name}:${slim}`, extra: EXTRAS[ref.name] ?? 'tools the app does not need' },
      range,
      suggestions: needsFullImage
        ? []
        : [
            {
              title: `Switch to ${name}:${slim}${hasRuns ? ' (check that RUN steps have what they need)' : ''}`,
              edits: [{ range, newText: `${name}:${slim}` }],
            },
          ],
    });
  },
});
