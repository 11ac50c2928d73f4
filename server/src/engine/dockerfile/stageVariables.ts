/**
 * One model of what a stage's instructions see: the variables (ENV inherited through
 * `FROM <stage>`, the stage's own ARGs with the global defaults, its ENVs, in order) and the
 * WORKDIR they resolve into. Built once per stage, in one pass, and asked by every rule: two
 * walks with different rules used to give `WORKDIR $APP` two answers in a stage built on a
 * parent that sets `ENV APP`.
 */
import { Arg, Env, type Instruction } from 'dockerfile-ast';
import { type DockerfileModel, type Stage } from './model';
import { argumentsText, keywordOf } from './instructions';
import { ancestorsFirst } from './stageLineage';
import { substitute, type VariableLookup } from './variables';

/** A variable's value from one instruction on; `undefined`: declared, value not known here. */
interface Assignment {
  /** The stage instruction index after which the value holds. */
  after: number;
  value: string | undefined;
}

interface StageTable {
  /** Assignments in this stage, by name, in instruction order. */
  assignments: Map<string, Assignment[]>;
  /** ENV values at the end of the stage, inherited by stages built FROM it (ARGs are not). */
  finalEnv: Map<string, string | undefined>;
  /** The WORKDIR before each instruction, and after the last. */
  workdirBefore: Map<Instruction, string>;
  finalWorkdir: string;
  indexOf: Map<Instruction, number>;
}

const tables = new WeakMap<Stage, StageTable>();

function tableOf(model: DockerfileModel, stage: Stage): StageTable {
  return ancestorsFirst(stage, tables, (s) => {
    const parent = s.parent && s.parent !== s ? (tables.get(s.parent) ?? null) : null;
    const inherited = parent?.finalEnv ?? new Map<string, string | undefined>();
    const assignments = new Map<string, Assignment[]>();
    const finalEnv = new Map(inherited);
    const workdirBefore = new Map<Instruction, string>();
    const indexOf = new Map<Instruction, number>();
    let workdir = parent?.finalWorkdir ?? '/';
    const current: VariableLookup = (name) => {
      const list = assignments.get(name);
      return list ? list[list.length - 1].value : inherited.get(name);
    };
    // Docker expands variables in ENV values and ARG defaults when it reads them.
    const expand = (raw: string | null | undefined): string | undefined => {
      if (raw === null || raw === undefined) return undefined;
      const { value, unresolved } = substitute(raw, current, model.escapeChar);
      return unresolved.length > 0 ? undefined : value;
    };
    const assign = (name: string, after: number, value: string | undefined) => {
      const list = assignments.get(name);
      if (list) list.push({ after, value });
      else assignments.set(name, [{ after, value }]);
    };
    s.instructions.forEach((instruction, index) => {
      indexOf.set(instruction, index);
      workdirBefore.set(instruction, workdir);
      if (instruction instanceof Env) {
        const values = instruction.getProperties().map((p) => [p.getName(), expand(p.getValue() ?? '')] as const);
        for (const [name, value] of values) {
          assign(name, index, value);
          finalEnv.set(name, value);
        }
      } else if (instruction instanceof Arg) {
        const property = instruction.getProperty();
        if (!property) return;
        const name = property.getName();
        // `ARG X` without a default takes the global one; with neither, an ENV of that name stays.
        const own = property.getValue();
        const value = own !== null && own !== undefined ? expand(own) : model.globalArgs.has(name) ? model.globalArgs.get(name) : current(name);
        assign(name, index, value);
      } else if (keywordOf(instruction) === 'WORKDIR') {
        const { value, unresolved } = substitute(argumentsText(model, instruction).trim(), current, model.escapeChar);
        if (unresolved.length === 0 && value !== '') workdir = value.startsWith('/') ? value : `${workdir.replace(/\/$/, '')}/${value}`;
      }
    });
    return { assignments, finalEnv, workdirBefore, finalWorkdir: workdir, indexOf };
  });
}

/** The variables an instruction of the stage sees (what was set before it). */
export function variablesAt(model: DockerfileModel, stage: Stage, before: Instruction): VariableLookup {
  const table = tableOf(model, stage);
  const at = table.indexOf.get(before) ?? Infinity;
  const inherited = stage.parent && stage.parent !== stage ? tables.get(stage.parent)?.finalEnv : undefined;
  return (name) => {
    const list = table.assignments.get(name);
    if (list) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i].after < at) return list[i].value;
    }
    return inherited?.get(name);
  };
}

/** The working directory an instruction runs in (null: after the stage's last instruction). */
export function workdirAt(model: DockerfileModel, stage: Stage, before: Instruction | null): string {
  const table = tableOf(model, stage);
  return before ? (table.workdirBefore.get(before) ?? table.finalWorkdir) : table.finalWorkdir;
}
