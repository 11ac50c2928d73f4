/**
 * Files other than Dockerfiles (compose YAML, devcontainer JSONC), parsed by real parsers that
 * keep source positions, plus the suppression comments those files can carry:
 *
 *   # hardening-ignore docker-socket-mount -- reason      (YAML; // in JSONC)  next line
 *   # hardening-ignore-file other-security                                      whole file
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type YAMLError } from 'yaml';
import type { FileKind } from './fileKinds';
import { SourceText } from './sourceText';
import type { Range } from './types';

export interface DocumentModel {
  kind: Exclude<FileKind, 'dockerfile'>;
  source: SourceText;
  /** The YAML document (the first one, in a multi-document Kubernetes file). */
  yaml: Document | null;
  /** Every YAML document of the file (Kubernetes manifests separate them with `---`). */
  yamlDocuments: Document[];
  json: JsonNode | null;
  /** Parse problems, reported as findings of their own. */
  syntaxErrors: { message: string; range: Range }[];
}

export function buildDocumentModel(kind: DocumentModel['kind'], text: string): DocumentModel {
  const source = new SourceText(text);
  const syntaxErrors: DocumentModel['syntaxErrors'] = [];
  if (kind === 'dockerignore' || kind === 'jenkinsfile') return { kind, source, yaml: null, yamlDocuments: [], json: null, syntaxErrors };
  if (kind === 'kubernetes') {
    // Templated manifests (`{{ … }}`) are not YAML until rendered: no syntax errors for those.
    const documents = parseAllDocuments(text, { prettyErrors: false, strict: false, uniqueKeys: false });
    const list = Array.isArray(documents) ? documents : [];
    if (!text.includes('{{')) for (const doc of list) for (const error of doc.errors) syntaxErrors.push(yamlError(source, error));
    return { kind, source, yaml: list[0] ?? null, yamlDocuments: list, json: null, syntaxErrors };
  }
  if (kind !== 'devcontainer') {
    const yaml = parseDocument(text, { prettyErrors: false, strict: false, uniqueKeys: false });
    for (const error of yaml.errors) syntaxErrors.push(yamlError(source, error));
    return { kind, source, yaml, yamlDocuments: [yaml], json: null, syntaxErrors };
  }
  const errors: ParseError[] = [];
  const json = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }) ?? null;
  for (const error of errors) syntaxErrors.push({ message: `not valid JSON (error ${error.error})`, range: { start: source.positionAt(error.offset), end: source.positionAt(error.offset + error.length) } });
  return { kind, source, yaml: null, yamlDocuments: [], json, syntaxErrors };
}

function yamlError(source: SourceText, error: YAMLError): DocumentModel['syntaxErrors'][number] {
  return { message: error.message.split('\n')[0], range: { start: source.positionAt(error.pos[0]), end: source.positionAt(error.pos[1]) } };
}

export function rangeOf(source: SourceText, start: number, end: number): Range {
  return { start: source.positionAt(start), end: source.positionAt(end) };
}

/** Whole lines from `start` to `end` (offsets), line ending included: what deleting an item removes. */
export function wholeLines(source: SourceText, start: number, end: number): Range {
  const first = source.positionAt(start).line;
  const last = source.positionAt(Math.max(start, end - 1)).line;
  return last + 1 < source.lineCount
    ? { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }
    : { start: { line: first, character: 0 }, end: { line: last, character: source.lineText(last).length } };
}

/** The YAML value at a path of keys (strings) in a map, or undefined. */
export function yamlGet(node: unknown, key: string): unknown {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)?.value ?? undefined;
}

/** A YAML scalar's value as text (numbers and booleans too); null for anything else or null. */
export function yamlText(node: unknown): string | null {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : null;
}

export { isMap, isPair, isScalar, isSeq };
