import type { Instruction } from 'dockerfile-ast';
import { copyFromFlag, copyOperands } from '../engine/dockerfile/copySources';
import { type DockerfileModel, type Stage } from '../engine/dockerfile/model';
import { lineage, rootBase } from '../engine/dockerfile/stageLineage';
import { defineRule, type Report } from '../engine/rule';

export default defineRule({
  meta: {
    id: 'stage-reference',
    group: 'multi-stage',
    description: 'COPY --from and stage names must refer to the stages the Dockerfile defines, in order.',
    severity: 'error',
    severityNote: 'warning for a stage defined further down, a name that is no stage, and a whole-stage copy',
    messages: {
      later:
        'COPY --from={{name}} names a stage defined further down (line {{line}}): BuildKit resolves it, but buildah and the classic builder look for an image called "{{name}}" instead. Move that stage above this one.',
      unknown:
        'COPY --from={{name}} names no stage of this Dockerfile; did you mean "{{stage}}"? Unless the build passes a build context called "{{name}}", it pulls the image docker.io/library/{{name}}:latest instead.',
      self: 'COPY --from={{name}} names the stage it is in: a stage cannot copy from itself, and the build fails.',
      index: 'COPY --from={{name}} names stage {{name}}, which {{why}}: the build fails.',
      duplicate: 'Stage name "{{name}}" is used again (first at line {{line}}): the build fails with a duplicate stage name.',
      wholeStage: 'COPY --from={{name}} / copies the whole {{name}} stage, compilers and caches included: the split into stages saves nothing. Copy only what the program needs.',
    },
    applicability: [],
    peers: { hadolint: ['DL3022', 'DL3023', 'DL3024'] },
  },
  check({ model, report }) {
    const firstByName = new Map<string, Stage>();
    for (const stage of model.stages) {
      const name = stage.alias?.toLowerCase();
      if (!name) continue;
      const first = firstByName.get(name);
      if (first) {
        report({ messageId: 'duplicate', data: { name: stage.alias!, line: String(first.from.getRange().start.line + 1) }, range: stage.from.getRange() });
      } else firstByName.set(name, stage);
    }
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const flag = copyFromFlag(instruction);
        const value = flag?.getValue();
        const range = flag?.getValueRange();
        if (!flag || !value || !range || value.includes('$')) continue;
        const name = value.toLowerCase();
        if (/^\d+$/.test(name)) {
          const target = Number(name);
          if (target === stage.index || target >= model.stages.length || target > stage.index) {
            const why = target === stage.index ? 'is this one' : target >= model.stages.length ? `does not exist (there are ${model.stages.length})` : 'comes after this one';
            report({ messageId: 'index', data: { name: value, why }, range });
          } else checkWholeStage(model, stage, instruction, value, report);
          continue;
        }
        // An image reference (registry, path, tag or digest) is an image, not a stage.
        if (/[/:@.]/.test(name)) continue;
        const target = firstByName.get(name);
        if (target === stage) report({ messageId: 'self', data: { name: value }, range });
        else if (target && target.index > stage.index) report({ messageId: 'later', data: { name: value, line: String(target.from.getRange().start.line + 1) }, range, severity: 'warning' });
        else if (!target) {
          // A name that is no stage may be a named build context (bake's `contexts`, --build-context)
          // or an image meant on purpose (discourse's `templates` context): only a near miss of a
          // stage name is a likely typo.
          const meant = [...firstByName.values()].find((s) => s.index < stage.index && nearMiss(name, s.alias!.toLowerCase()));
          if (meant) report({ messageId: 'unknown', data: { name: value, stage: meant.alias! }, range, severity: 'warning' });
        } else checkWholeStage(model, stage, instruction, value, report);
      }
    }
  },
});

/**
 * `COPY --from=build / /` into an image that ships and is not scratch: everything of the build
 * stage lands on top of another base. (Onto scratch it is the flattening idiom: one layer for a
 * whole image, as cross-rs builds its toolchain images; into a builder stage it is how helpers
 * such as tonistiigi/xx are installed. Neither is reported.)
 */
function checkWholeStage(model: DockerfileModel, stage: Stage, instruction: Instruction, name: string, report: Report): void {
  const final = model.finalStage;
  if (!final || !lineage(final).includes(stage) || rootBase(stage).isScratch) return;
  const operands = copyOperands(model, stage, instruction);
  if (!operands || operands.destination.replace(/\/+$/, '') !== '' || !operands.sources.some((s) => s.value.replace(/\/+$/, '') === '')) return;
  report({ messageId: 'wholeStage', data: { name }, range: instruction.getRange(), severity: 'warning' });
}

/**
 * One name a slip of the other: a prefix of it (`build` for `builder`), or at most two edits
 * apart for names of four letters or more. Stage names are short; longer ones are not compared.
 */
function nearMiss(a: string, b: string): boolean {
  if (a.length > 64 || b.length > 64) return false;
  if (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 2) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] <= 2;
}
