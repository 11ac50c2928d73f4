import { argumentsText, keywordOf } from '../engine/dockerfile/instructions';
import { stageOf } from '../engine/dockerfile/model';
import { variablesAt } from '../engine/dockerfile/stageVariables';
import { substitute } from '../engine/dockerfile/variables';
import { defineRule } from '../engine/rule';

/**
 * Instruction arguments that are wrong: `USER` with nothing after it, which fails the build
 * (buildah: "USER requires exactly one argument"), and an `EXPOSE` port outside 1–65535 or not a
 * port at all, which buildah builds as written (tried: 99999, 8080/http, 0) but no container can
 * listen on. The editor's syntax check from Docker's language service said so already; the CLI
 * and CI did not.
 */
export default defineRule({
  meta: {
    id: 'instruction-arguments',
    group: 'other-security',
    description: 'Instructions must have valid arguments: a USER to switch to, EXPOSE ports between 1 and 65535.',
    severity: 'error',
    severityNote: 'warning for an EXPOSE port out of range',
    messages: {
      userMissing: 'USER names no user: the build fails here ("USER requires exactly one argument").',
      badPort:
        'EXPOSE {{port}} is not a port between 1 and 65535 (with an optional /tcp or /udp): nothing can listen on it, so the image documents a port that does not exist, and builders differ on whether they accept it.',
    },
    applicability: [],
    applicabilityNote: "none (which user or port was meant is the author's)",
    peers: { hadolint: ['DL3011'] },
  },
  check({ model, report }) {
    for (const instruction of model.ast.getInstructions()) {
      const keyword = keywordOf(instruction);
      if (keyword === 'USER' && argumentsText(model, instruction).trim() === '') {
        report({ messageId: 'userMissing', range: instruction.getRange() });
      } else if (keyword === 'EXPOSE') {
        const stage = stageOf(model, instruction);
        for (const argument of instruction.getArguments()) {
          const written = argument.getValue();
          // A port from a variable is judged by its value; without a default it is the build's choice.
          const { value, unresolved } = stage && written.includes('$') ? substitute(written, variablesAt(model, stage, instruction), model.escapeChar) : { value: written, unresolved: [] };
          if (unresolved.length > 0 || value === '') continue;
          if (!validPortSpec(value)) report({ messageId: 'badPort', data: { port: value }, range: argument.getRange(), severity: 'warning' });
        }
      }
    }
  },
});

/** `8080`, `8080/tcp`, `53/udp`, a range `8000-8010/tcp`: each port 1–65535. */
function validPortSpec(spec: string): boolean {
  const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(spec);
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low >= 1 && high <= 65535 && low <= high;
}
