/**
 * Every rule, listed explicitly and sorted by id (no directory globbing: bundlers cannot follow
 * it, and a forgotten rule should fail a test, not vanish). Rule ids are permanent.
 */
import type { Rule } from '../engine/rule';
import cmdRepeatsEntrypoint from './cmd-repeats-entrypoint';
import copySecretFile from './copy-secret-file';
import dockerSocketMount from './docker-socket-mount';
import execForm from './exec-form';
import hardcodedSecret from './hardcoded-secret';
import healthcheckMissing from './healthcheck-missing';
import healthcheckMultiple from './healthcheck-multiple';
import jsonArgsInvalid from './json-args-invalid';
import multipleCmdEntrypoint from './multiple-cmd-entrypoint';
import noRootUser from './no-root-user';
import pinBaseImage from './pin-base-image';
import secretInArgEnv from './secret-in-arg-env';
import secretWrittenToFile from './secret-written-to-file';

export const RULES: readonly Rule[] = [
  cmdRepeatsEntrypoint,
  copySecretFile,
  dockerSocketMount,
  execForm,
  hardcodedSecret,
  healthcheckMissing,
  healthcheckMultiple,
  jsonArgsInvalid,
  multipleCmdEntrypoint,
  noRootUser,
  pinBaseImage,
  secretInArgEnv,
  secretWrittenToFile,
];

const BY_ID = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
