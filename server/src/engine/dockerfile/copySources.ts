/** COPY/ADD operands: sources and destination, as written and with the destination resolved. */
import type { Argument, Flag, Instruction } from 'dockerfile-ast';
import type { Range } from '../types';
import { stageOf, type DockerfileModel, type Stage } from './model';
import { argumentsOf, flagsOf, keywordOf } from './instructions';
import { workdirAt } from './stageVariables';
import { parseJsonArray } from './runScripts';
import { instructionBody } from './instructionBody';

export interface CopyOperands {
  sources: { value: string; range: Range }[];
  destination: string;
  /** The destination as an absolute path (relative ones joined to the WORKDIR). */
  absoluteDestination: string;
  /** `--from=…`: sources come from another stage or image, not the build context. */
  fromStage: boolean;
  flags: string[];
}

export function copyOperands(model: DockerfileModel, stage: Stage, instruction: Instruction): CopyOperands | null {
  const flags = flagsOf(instruction).map((f) => (f.getValue() !== null ? `${f.getName()}=${f.getValue()}` : f.getName()));
  const fromStage = flags.some((f) => f.toLowerCase().startsWith('from='));
  const body = instructionBody(model, instruction);
  let operands: { value: string; range: Range }[];
  const trimmed = body.text.trim();
  const json = trimmed.startsWith('[') ? parseJsonArray(trimmed) : null;
  if (json) {
    const range = instruction.getRange();
    operands = json.map((value) => ({ value, range }));
  } else {
    // Words of heredoc bodies are not operands: stop at the first body line.
    const firstBodyLine = body.heredocs.length > 0 ? body.heredocs[0].range.start.line : Infinity;
    operands = argumentsOf(instruction)
      .filter((a: Argument) => a.getRange().start.line < firstBodyLine)
      .map((a: Argument) => ({ value: a.getValue(), range: a.getRange() }));
  }
  // Heredoc sources (`COPY <<EOF /etc/x`) are inline text, not files from the context.
  operands = operands.filter((o) => !o.value.startsWith('<<'));
  if (body.heredocs.length > 0 && operands.length === 1) return null;
  if (operands.length < 2) return null;
  const destination = operands[operands.length - 1].value;
  const workdir = workdirAt(model, stage, instruction);
  // `.` and `./x` are relative to the WORKDIR; `.npmrc` is a name, its dot is kept.
  const relative = destination === '.' ? '' : destination.replace(/^(\.\/)+/, '');
  const absoluteDestination = destination.startsWith('/') ? destination : `${workdir.replace(/\/$/, '')}/${relative}`;
  return { sources: operands.slice(0, -1), destination, absoluteDestination, fromStage, flags };
}

/** A COPY's `--from=<stage or image>` flag, if it has one. */
export function copyFromFlag(instruction: Instruction): Flag | null {
  if (keywordOf(instruction) !== 'COPY') return null;
  return flagsOf(instruction).find((f) => f.getName().toLowerCase() === 'from') ?? null;
}

/** Whether a `--from` value names a stage of this Dockerfile (its name or its index), not an image. */
export function namesStage(model: DockerfileModel, from: string): boolean {
  return /^\d+$/.test(from) || model.stages.some((s) => s.alias?.toLowerCase() === from.toLowerCase());
}

/** Every COPY and ADD with its operands, and its `--from` value (null: from the build context). */
export function* allCopies(model: DockerfileModel): Generator<{ stage: Stage; instruction: Instruction; keyword: 'COPY' | 'ADD'; operands: CopyOperands; from: string | null }> {
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      const keyword = keywordOf(instruction);
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const operands = copyOperands(model, stage, instruction);
      if (operands) yield { stage, instruction, keyword, operands, from: operands.fromStage ? (copyFromFlag(instruction)?.getValue() ?? '') : null };
    }
  }
}

/** Every COPY and ADD that takes its sources from the build context (not `--from` a stage or image). */
export function* contextCopies(model: DockerfileModel): Generator<{ stage: Stage; instruction: Instruction; keyword: 'COPY' | 'ADD'; operands: CopyOperands }> {
  for (const copy of allCopies(model)) if (copy.from === null) yield copy;
}

/** Every `--chmod=<mode>` of a COPY or ADD, with where its value is. */
export function* copyChmodModes(model: DockerfileModel): Generator<{ keyword: 'COPY' | 'ADD'; mode: string; range: Range; destination: string | null }> {
  for (const instruction of model.ast.getInstructions()) {
    const keyword = keywordOf(instruction);
    if (keyword !== 'COPY' && keyword !== 'ADD') continue;
    for (const flag of flagsOf(instruction)) {
      const mode = flag.getValue();
      const range = flag.getValueRange();
      if (flag.getName().toLowerCase() !== 'chmod' || !mode || !range) continue;
      const stage = stageOf(model, instruction);
      const destination = stage ? (copyOperands(model, stage, instruction)?.destination ?? null) : null;
      yield { keyword, mode, range, destination };
    }
  }
}
