/**
 * Registry-backed editor features: "Pin to digest" and "Pin to exact version" quick fixes, and
 * a hover on digest-pinned images that says whether the tag has moved since. Code actions are
 * offered at once and resolved (the lookup made) only when the user picks one, so diagnostics and
 * the lightbulb never wait on the network. Off by setting, and in untrusted workspaces.
 */
import { CodeActionKind, type CodeAction, type Hover, type HoverParams, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult } from '../engine/linter';
import { comparePositions } from '../engine/sourceText';
import { defaultCacheFile, RegistryCache } from '../registry/cache';
import { RegistryClient, RegistryError } from '../registry/client';
import { dockerConfigCredentials } from '../registry/credentials';
import { pinTargets, pinToDigest, pinToExactVersion } from '../registry/pin';
import { workspaceEdit } from './codeActions';

export interface PinActionData {
  pin: 'digest' | 'exact';
  uri: string;
  version: number;
  line: number;
  character: number;
}

const contains = (range: Range, inner: Range) => comparePositions(range.start, inner.start) <= 0 && comparePositions(inner.end, range.end) <= 0;
const touches = (range: Range, other: Range) => comparePositions(range.start, other.end) <= 0 && comparePositions(other.start, range.end) <= 0;

export class RegistryFeatures {
  private client: RegistryClient | null = null;

  /** `log`: where failed lookups are written (the Output channel), whatever the user is shown. */
  constructor(private readonly log: (message: string) => void = () => {}) {}

  private registry(): RegistryClient {
    this.client ??= new RegistryClient({ timeoutMs: 5000, credentials: dockerConfigCredentials(), cache: new RegistryCache(60 * 60 * 1000, defaultCacheFile()) });
    return this.client;
  }

  /** Unresolved actions for the image references under the cursor. */
  actionsFor(document: TextDocument, range: Range, result: LintResult): CodeAction[] {
    if (!result.model) return [];
    const actions: CodeAction[] = [];
    for (const target of pinTargets(result.model)) {
      if (!touches(target.range, range)) continue;
      const at = { uri: document.uri, version: document.version, line: target.range.start.line, character: target.range.start.character };
      actions.push({ title: `Pin ${target.text} to its digest (asks ${target.ref.registry})`, kind: CodeActionKind.QuickFix, data: { pin: 'digest', ...at } satisfies PinActionData });
      if (!/^\d+\.\d+\.\d+/.test(target.ref.tag ?? '')) {
        actions.push({ title: `Pin ${target.text} to its exact version (asks ${target.ref.registry})`, kind: CodeActionKind.QuickFix, data: { pin: 'exact', ...at } satisfies PinActionData });
      }
    }
    return actions;
  }

  /** Makes the lookup and fills in the edit; leaves the action without one (and says why) on failure. */
  async resolve(action: CodeAction, document: TextDocument | undefined, result: LintResult | null, report: (message: string) => void): Promise<CodeAction> {
    const data = action.data as PinActionData | undefined;
    if (!data || !document || document.version !== data.version || !result?.model) return action;
    const target = pinTargets(result.model).find((t) => t.range.start.line === data.line && t.range.start.character === data.character);
    if (!target) return action;
    try {
      const text = data.pin === 'digest' ? await pinToDigest(this.registry(), target) : await pinToExactVersion(this.registry(), target);
      if (!text) {
        report(`No tag more exact than ${target.text} points at the same image today.`);
        return action;
      }
      return { ...action, edit: workspaceEdit(document, [{ range: target.range, newText: text }]) };
    } catch (error) {
      const message = error instanceof RegistryError ? error.message : `Registry lookup failed: ${(error as Error).message}`;
      this.log(`registry lookup for ${target.text}: ${message}`);
      report(message);
      return action;
    }
  }

  /** On an image pinned by digest: what the digest is, and whether its tag still points there. */
  async hover(params: HoverParams, result: LintResult): Promise<Hover | null> {
    const stage = result.model?.stages.find((s) => s.base.range && contains(s.base.range, { start: params.position, end: params.position }));
    const ref = stage?.base.ref;
    if (!stage || !ref?.digest || !ref.tag) return null;
    const short = (d: string) => `${d.slice(0, 19)}…`;
    let now: string;
    try {
      const current = await this.registry().digest({ ...ref, digest: null }, ref.tag);
      now =
        current.digest === ref.digest
          ? `The tag \`${ref.tag}\` still points at this digest.`
          : `The tag \`${ref.tag}\` has moved: it now points at \`${short(current.digest)}\`. Re-pin to pick up the newer image.`;
    } catch (error) {
      now = `Could not ask ${ref.registry}: ${(error as Error).message}`;
      this.log(`registry lookup for ${ref.registry}/${ref.repository}:${ref.tag}: ${(error as Error).message}`);
    }
    return { contents: { kind: 'markdown', value: `**Pinned** \`${ref.tag}\` to \`${short(ref.digest)}\`\n\n${now}` }, range: stage.base.range! };
  }
}
