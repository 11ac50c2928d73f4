/**
 * Files other than Dockerfiles (compose YAML, devcontainer JSONC), parsed by real parsers that
 * keep source positions, plus the suppression comments those files can carry:
 *
 *   # hardening-ignore docker-socket-mount -- reason      (YAML; // in JSONC)  next line
 *   # hardening-ignore-file other-security                                      whole file
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import type { FileKind } from '../fileKinds';
import { SourceText } from '../sourceText';
import type { Range } from '../types';

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
  if (kind !== 'devcontainer') {
    // Every YAML kind may hold several documents: Kubernetes manifests, and GitLab CI files whose
    // first document is a `spec:` header. Duplicate keys are accepted, as Compose and GitHub do.
    const documents = parseAllDocuments(text, { prettyErrors: false, strict: false, uniqueKeys: false });
    const list = Array.isArray(documents) ? documents : [];
    // Templated manifests (`{{ … }}`) are not YAML until rendered: no syntax errors for those.
    const templated = kind === 'kubernetes' && text.includes('{{');
    const errors = templated ? [] : list.flatMap((doc) => doc.errors);
    // One broken bracket can make hundreds of follow-on errors: the first one says where to look.
    if (errors.length > 0) {
      const first = yamlError(source, errors[0]);
      syntaxErrors.push(errors.length === 1 ? first : { ...first, message: `${first.message} (and ${errors.length - 1} more YAML error${errors.length === 2 ? '' : 's'} after it)` });
    }
    return { kind, source, yaml: mainDocument(kind, list), yamlDocuments: list, json: null, syntaxErrors };
  }
  const errors: ParseError[] = [];
  // jsonc-parser builds its tree recursively: deeper nesting than this would overflow the stack.
  const tooDeep = jsonNestingBeyond(text, MAX_JSON_NESTING);
  if (tooDeep >= 0) {
    syntaxErrors.push({ message: `nested more than ${MAX_JSON_NESTING} levels deep`, range: { start: source.positionAt(tooDeep), end: source.positionAt(tooDeep + 1) } });
    return { kind, source, yaml: null, yamlDocuments: [], json: null, syntaxErrors };
  }
  const json = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false }) ?? null;
  for (const error of errors)
    syntaxErrors.push({ message: `not valid JSON (error ${error.error})`, range: { start: source.positionAt(error.offset), end: source.positionAt(error.offset + error.length) } });
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

const MAX_JSON_NESTING = 1000;

/**
 * The offset where brackets and braces first nest deeper than `limit` (strings and comments
 * skipped), or -1. One pass; no real devcontainer.json nests more than a few levels.
 */
function jsonNestingBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === '[' || ch === '{') {
      if (++depth > limit) return i;
    } else if (ch === ']' || ch === '}') depth--;
  }
  return -1;
}

/** The document the rules read: the first, except a GitLab CI file's `spec:` header (inputs) before its jobs. */
function mainDocument(kind: DocumentModel['kind'], documents: Document[]): Document | null {
  const [first, second] = documents;
  if (kind === 'gitlab-ci' && second && isMap(first?.contents) && first.contents.items.every((p) => isScalar(p.key) && p.key.value === 'spec')) return second;
  return first ?? null;
}
