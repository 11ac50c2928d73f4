/** Walking compose services and devcontainer.json properties for the rules that read them. */
import { findNodeAtLocation, modify, type Node as JsonNode } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { rangeOf, wholeLines, yamlGet, type DocumentModel } from './documentModel';
import type { Range, TextEdit } from '../types';
import { interpolateCompose } from '../dockerfile/variables';

export interface ComposeService {
  name: string;
  node: YAMLMap;
}

export function composeServices(document: DocumentModel): ComposeService[] {
  const services = yamlGet(document.yaml?.contents, 'services');
  if (!isMap(services)) return [];
  return services.items
    .filter((p): p is Pair<unknown, YAMLMap> => isPair(p) && isScalar(p.key) && isMap(p.value))
    .map((p) => ({ name: String((p.key as { value: unknown }).value), node: p.value as YAMLMap }));
}

/** Compose interpolation: `${VAR:-default}` takes its default (the environment is not known here). */
export function interpolate(value: string): string {
  return interpolateCompose(value).value;
}

export function nodeRange(document: DocumentModel, node: { range?: [number, number, number] | null }): Range {
  const [start, end] = node.range ?? [0, 0, 0];
  return rangeOf(document.source, start, end);
}

/** Deletes a block-sequence item, or the whole key when it is the only item. Null for flow style (`[a, b]`). */
export function deleteSeqItem(document: DocumentModel, parent: YAMLMap, key: string, seq: YAMLSeq, index: number): TextEdit | null {
  if (seq.flow) return null;
  const item = seq.items[index] as { range?: [number, number, number] };
  if (seq.items.length === 1) {
    return deletePair(document, parent, key);
  }
  return { range: wholeLines(document.source, item.range![0], item.range![2]), newText: '' };
}

/** Deletes a `key: value` line of a service. */
export function deletePair(document: DocumentModel, parent: YAMLMap, key: string): TextEdit | null {
  const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair<{ range: [number, number, number] }, { range: [number, number, number] }> | undefined;
  if (!pair?.value?.range) return null;
  return { range: wholeLines(document.source, pair.key.range[0], pair.value.range[2]), newText: '' };
}

export function jsonProperty(document: DocumentModel, path: (string | number)[]): JsonNode | undefined {
  return document.json ? findNodeAtLocation(document.json, path) : undefined;
}

export function jsonRange(document: DocumentModel, node: JsonNode): Range {
  return rangeOf(document.source, node.offset, node.offset + node.length);
}

/** An edit made with jsonc-parser, which keeps comments and the file's formatting elsewhere. */
export function jsonEdit(document: DocumentModel, path: (string | number)[], value: unknown): TextEdit[] {
  const text = document.source.text;
  const eol = document.source.eol;
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return modify(text, path, value, { formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol } }).map((e) => ({
    range: rangeOf(document.source, e.offset, e.offset + e.length),
    newText: e.content,
  }));
}

export { isMap, isScalar, isSeq, yamlGet };

/**
 * Removes consecutive elements of a JSON array by text range (element, comma and the space up to
 * the next kept element), so the rest of the array keeps its layout and comments. jsonc-parser's
 * `modify` would re-format the whole array.
 */
export function removeArrayElements(document: DocumentModel, array: JsonNode, first: number, count = 1): TextEdit[] {
  const items = array.children ?? [];
  const last = first + count - 1;
  if (first < 0 || last >= items.length) return [];
  let start: number;
  let end: number;
  if (last + 1 < items.length) {
    start = items[first].offset;
    end = items[last + 1].offset;
  } else if (first > 0) {
    start = items[first - 1].offset + items[first - 1].length;
    end = items[last].offset + items[last].length;
  } else {
    start = array.offset + 1;
    end = array.offset + array.length - 1;
  }
  return [{ range: rangeOf(document.source, start, end), newText: '' }];
}
