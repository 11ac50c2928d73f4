/** CI steps of Jenkinsfiles (best effort: Groovy is not parsed, shell steps and the Docker Pipeline plugin's calls are found by scanning). */
import { YAMLMap } from 'yaml';
import type { DocumentModel } from '../documents/documentModel';
import { analyseScript, emptyStep, mergeFlags, replaceDelimited, type CiStep } from './step';

/** `sh '…'`, `sh """…"""`, `bat(script: '…')` and relatives in a Jenkinsfile. */
const JENKINS_SHELL_STEP = /\b(sh|bat|powershell|pwsh)\s*(?:\(\s*)?(?:script\s*:\s*)?('''|"""|'|")/g;
/** The Docker Pipeline plugin: `docker.build(…)`, `image.push(…)`, and Content Trust in `withEnv`. */
const JENKINS_PLUGIN_CALL = /\bdocker\.build\s*\(|\.push\s*\(|\bwithEnv\s*\(\s*\[/g;

/**
 * Jenkinsfile (Groovy), best effort: the strings given to shell steps, read with the shell parser
 * (Groovy `${…}` interpolations become plain words), and the Docker Pipeline plugin's calls.
 */
export function jenkinsSteps(document: DocumentModel): CiStep[] {
  const text = document.source.text;
  const steps: CiStep[] = [];
  // Jenkins steps have no YAML node; no fix edits them, so an empty map stands in.
  const node = new YAMLMap();
  const anchorAt = (start: number, end: number) => ({ range: [start, end, end] });
  JENKINS_SHELL_STEP.lastIndex = 0;
  for (let match = JENKINS_SHELL_STEP.exec(text); match; match = JENKINS_SHELL_STEP.exec(text)) {
    const quote = match[2];
    const start = match.index + match[0].length;
    const end = closingQuote(text, start, quote);
    if (end < 0) break;
    const step = emptyStep('', node, anchorAt(match.index, end + quote.length));
    Object.assign(step, mergeFlags(step, analyseScript(replaceDelimited(text.slice(start, end), '${', '}', 'JENKINS_VAR'))));
    steps.push(step);
    JENKINS_SHELL_STEP.lastIndex = end + quote.length;
  }
  JENKINS_PLUGIN_CALL.lastIndex = 0;
  // The `]` that closes a `withEnv([`; shared by every `withEnv([` before it, so the text is read once.
  let listEnd = -2;
  for (let match = JENKINS_PLUGIN_CALL.exec(text); match; match = JENKINS_PLUGIN_CALL.exec(text)) {
    const at = match.index + match[0].length;
    if (match[0].startsWith('withEnv')) {
      if (listEnd !== -1 && listEnd < at) listEnd = text.indexOf(']', at);
      const list = listEnd < 0 ? '' : text.slice(at, listEnd);
      if (!list.includes('DOCKER_CONTENT_TRUST=1')) continue;
    }
    const step = emptyStep('', node, anchorAt(match.index, at));
    if (match[0].startsWith('docker.build')) step.builds = true;
    else if (match[0].startsWith('.push')) step.pushes = true;
    else step.signs = true;
    steps.push(step);
  }
  return steps.sort((a, b) => (a.anchor.range?.[0] ?? 0) - (b.anchor.range?.[0] ?? 0));
}

/** Offset of the closing quote (backslash escapes skipped in one-character quotes), or -1. */
function closingQuote(text: string, from: number, quote: string): number {
  if (quote.length === 3) return text.indexOf(quote, from);
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}
