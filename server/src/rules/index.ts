/**
 * Every rule, listed explicitly and sorted by id (no directory globbing: bundlers cannot follow
 * it, and a forgotten rule should fail a test, not vanish). Rule ids are permanent.
 */
import type { Rule } from '../engine/rule';
import addUrlWithoutChecksum from './add-url-without-checksum';
import aptUpdateAlone from './apt-update-alone';
import chmodWorldWritable from './chmod-world-writable';
import cmdRepeatsEntrypoint from './cmd-repeats-entrypoint';
import composeImageTag from './compose-image-tag';
import containerPrivileges from './container-privileges';
import copyBeforeInstall from './copy-before-install';
import copySecretFile from './copy-secret-file';
import dockerSocketMount from './docker-socket-mount';
import dockerignoreGaps from './dockerignore-gaps';
import eolBaseImage from './eol-base-image';
import execForm from './exec-form';
import exposeSsh from './expose-ssh';
import hardcodedSecret from './hardcoded-secret';
import healthcheckMissing from './healthcheck-missing';
import healthcheckMultiple from './healthcheck-multiple';
import imageScanMissing from './image-scan-missing';
import imageSigningMissing from './image-signing-missing';
import installPrompts from './install-prompts';
import instructionArguments from './instruction-arguments';
import jsonArgsInvalid from './json-args-invalid';
import mergeConsecutiveRuns from './merge-consecutive-runs';
import literalPassword from './literal-password';
import multipleCmdEntrypoint from './multiple-cmd-entrypoint';
import noRootUser from './no-root-user';
import noSudo from './no-sudo';
import packageCacheLeft from './package-cache-left';
import pinBaseImage from './pin-base-image';
import pinOsPackages from './pin-os-packages';
import pinPackages from './pin-packages';
import pipExtraIndex from './pip-extra-index';
import pipeToShell from './pipe-to-shell';
import pipeWithoutPipefail from './pipe-without-pipefail';
import plainHttpDownload from './plain-http-download';
import preferCopy from './prefer-copy';
import preferSlimBase from './prefer-slim-base';
import privilegeEscalation from './privilege-escalation';
import secretInArgEnv from './secret-in-arg-env';
import secretWrittenToFile from './secret-written-to-file';
import shellSyntax from './shell-syntax';
import signatureCheckDisabled from './signature-check-disabled';
import stageReference from './stage-reference';
import tlsVerificationDisabled from './tls-verification-disabled';
import toolchainInFinalStage from './toolchain-in-final-stage';
import untrustedRegistry from './untrusted-registry';
import unverifiedDownload from './unverified-download';

export const RULES: readonly Rule[] = [
  addUrlWithoutChecksum,
  aptUpdateAlone,
  chmodWorldWritable,
  cmdRepeatsEntrypoint,
  composeImageTag,
  containerPrivileges,
  copyBeforeInstall,
  copySecretFile,
  dockerSocketMount,
  dockerignoreGaps,
  eolBaseImage,
  execForm,
  exposeSsh,
  hardcodedSecret,
  healthcheckMissing,
  healthcheckMultiple,
  imageScanMissing,
  imageSigningMissing,
  installPrompts,
  instructionArguments,
  jsonArgsInvalid,
  literalPassword,
  mergeConsecutiveRuns,
  multipleCmdEntrypoint,
  noRootUser,
  noSudo,
  packageCacheLeft,
  pinBaseImage,
  pinOsPackages,
  pinPackages,
  pipExtraIndex,
  pipeToShell,
  pipeWithoutPipefail,
  plainHttpDownload,
  preferCopy,
  preferSlimBase,
  privilegeEscalation,
  secretInArgEnv,
  secretWrittenToFile,
  shellSyntax,
  signatureCheckDisabled,
  stageReference,
  tlsVerificationDisabled,
  toolchainInFinalStage,
  untrustedRegistry,
  unverifiedDownload,
];

const BY_ID = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
