import { copyOperands } from '../engine/dockerfile/copySources';
import { keywordOf } from '../engine/dockerfile/instructions';
import { defineRule } from '../engine/rule';

/** Archives ADD extracts: for these, ADD does something COPY does not. */
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|tlz|gz|bz2|xz)$/i;
const ADD_ONLY_FLAGS = /^(checksum|keep-git-dir|unpack)/i;

export default defineRule({
  meta: {
    id: 'prefer-copy',
    group: 'other-security',
    description: 'Use COPY for local files; ADD also downloads URLs and unpacks archives, which hides what a line does.',
    // Off by default: for a local file or folder ADD does what COPY does; the risk is only in what
    // a reader cannot see at once (an archive is unpacked, a URL downloaded: add-url-without-checksum
    // has those). Reviewers reading six real repositories judged all 23 such findings noise.
    severity: 'info',
    offByDefault: true,
    messages: {
      useCopy: 'ADD of a local file or folder: COPY does the same and says so, where ADD would also unpack an archive or download a URL.',
    },
    applicability: ['safe'],
    peers: { hadolint: ['DL3020'], trivy: ['DS-0005', 'AVD-DS-0005', 'DS005'], checkov: ['CKV_DOCKER_4'] },
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (keywordOf(instruction) !== 'ADD') continue;
        const operands = copyOperands(model, stage, instruction);
        if (!operands || operands.flags.some((f) => ADD_ONLY_FLAGS.test(f))) continue;
        // A URL, a git repository, an archive, or a name we cannot see ($VAR) keeps ADD.
        // Docker reads quoted paths without their quotes: `ADD "x.tar.gz" /d/` still extracts.
        const keepsAdd = operands.sources.some((s) => {
          const path = s.value.replace(/^(["'])(.*)\1$/, '$2');
          return /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(path) || ARCHIVE.test(path) || path.includes('$') || /[*?[]/.test(path);
        });
        if (keepsAdd) continue;
        const range = instruction.getInstructionRange();
        report({ messageId: 'useCopy', range, fix: { title: 'Replace ADD with COPY', edits: [{ range, newText: 'COPY' }] } });
      }
    }
  },
});
