/**
 * The language server: `dockerfile-hardening-language-server --stdio` for any LSP client,
 * and the server the VS Code extension starts. Handlers are thin; the engine does the work.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { Commands } from '../../../shared/ids';
import { fileKindOf } from '../engine/fileKinds';
import { linter } from '../defaultLinter';
import { initEngine } from '../engine/linter';
import { CODE_ACTION_KINDS, codeActionsFor, workspaceEdit, type CodeActionOptions } from './codeActions';
import { compatibleFixes } from '../engine/edits/fixAll';
import { editorCapabilities, registerEditorFeatures } from './editorFeatures';
import { findingHover, mergeHovers } from './hover';
import { RegistryFeatures } from './registryFeatures';
import { SettingsStore } from './settings';
import { Validator } from './validation';
import { WorkspaceScan } from './workspaceScan';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let canPullConfiguration = false;
const settings = new SettingsStore(connection, () => canPullConfiguration);
const validator = new Validator(connection, documents, settings);

let languageService: ReturnType<typeof registerEditorFeatures> | null = null;
let workspaceTrusted = true;
const registry = new RegistryFeatures((message) => connection.console.warn(message));

async function lookupsAllowed(uri: string): Promise<boolean> {
  return workspaceTrusted && (await settings.get(uri)).registryLookups;
}

let codeActionOptions: CodeActionOptions = {};

connection.onInitialize(async (params): Promise<InitializeResult> => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  // The VS Code client turns these off when Docker's or Microsoft's extension already has them;
  // other editors get them unless they say `editorFeatures: false`.
  const options = (params.initializationOptions ?? {}) as { editorFeatures?: boolean; workspaceTrusted?: boolean; disableChoice?: boolean };
  codeActionOptions = { disableChoice: options.disableChoice === true };
  // Registry lookups leave the machine: never in a workspace the user has not trusted.
  workspaceTrusted = options.workspaceTrusted !== false;
  const editorFeatures = options.editorFeatures !== false;
  await initEngine();
  if (editorFeatures) {
    languageService = registerEditorFeatures(connection, documents);
    validator.syntaxDiagnostics = true;
  }
  return {
    capabilities: {
      ...(editorFeatures ? editorCapabilities() : {}),
      hoverProvider: true,
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: true },
      executeCommandProvider: { commands: [Commands.serverFixAll] },
    },
    serverInfo: { name: 'dockerfile-hardening', version: VERSION },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.changed(change.settings);
  validator.revalidateAll();
});

const workspaceScan = new WorkspaceScan(connection, documents, validator);
let workspaceFolders: string[] = [];

connection.onInitialized(() => {
  // The Output channel's first line: what is running, and with which choices.
  connection.console.info(
    `dockerfile-hardening ${VERSION} started: ${linter.rules.length} rules, editor features ${languageService ? 'on' : 'off'}, registry lookups ${workspaceTrusted ? 'allowed (trusted workspace)' : 'off (untrusted workspace)'}, ${workspaceFolders.length} workspace folder${workspaceFolders.length === 1 ? '' : 's'}`,
  );
  if (workspaceFolders.length > 0) void workspaceScan.scan(workspaceFolders);
});

// The client watches config and ignore files, and the files the tool checks.
connection.onDidChangeWatchedFiles(async (params) => {
  // Configs and ignore files change how other files are judged; compose files and CI pipelines
  // declare build contexts. Either way every file is checked again.
  const configs = params.changes.filter((c) => /(\.dockerfile-hardening\.json|\.hadolint\.ya?ml|\.?dockerignore)$/.test(c.uri));
  if (configs.length > 0 || params.changes.some((c) => declaresBuildContexts(c.uri))) {
    validator.configChanged();
    await workspaceScan.relintAll();
  }
  for (const change of params.changes) if (!configs.includes(change)) await workspaceScan.fileChanged(change.uri, change.type);
});

function declaresBuildContexts(uri: string): boolean {
  const kind = uri.startsWith('file:') ? fileKindOf(fileURLToPath(uri)) : null;
  return kind === 'compose' || kind === 'github-workflow' || kind === 'gitlab-ci';
}

documents.onDidOpen((event) => void validator.onOpenOrSave(event.document));
documents.onDidSave((event) => void validator.onOpenOrSave(event.document));
documents.onDidChangeContent((event) => void validator.onChange(event.document));
documents.onDidClose((event) => {
  validator.onClose(event.document.uri);
  void workspaceScan.closed(event.document.uri);
});

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const result = await validator.resultFor(document);
  const actions = codeActionsFor(params, document, result, codeActionOptions);
  const wantsQuickFix = !params.context.only || params.context.only.some((k) => k === 'quickfix' || k === '');
  if (wantsQuickFix && (await lookupsAllowed(document.uri))) {
    // Pinning by the registry is a fix like the others: before the disable entries, which close the menu.
    const firstDisable = actions.findIndex((a) => a.title.startsWith('Disable '));
    actions.splice(firstDisable < 0 ? actions.length : firstDisable, 0, ...registry.actionsFor(document, params.range, result));
  }
  // At the Output channel's debug level: whether a lightbulb that opened no menu got an empty answer.
  connection.console.debug(
    `code actions for ${params.textDocument.uri} line ${params.range.start.line + 1} (version ${document.version}, ${params.context.diagnostics.length} diagnostics${params.context.only ? `, only ${params.context.only.join(' ')}` : ''}): ${actions.length} actions`,
  );
  return actions;
});

connection.onCodeActionResolve(async (action) => {
  const uri = (action.data as { uri?: string } | undefined)?.uri;
  const document = uri ? documents.get(uri) : undefined;
  if (!document || !(await lookupsAllowed(document.uri))) return action;
  return registry.resolve(action, document, await validator.resultFor(document), (message) => void connection.window.showWarningMessage(message));
});

// The client says when the user trusts the workspace (VS Code's Restricted Mode ends).
connection.onNotification('dockerfileHardening/workspaceTrusted', () => {
  workspaceTrusted = true;
});

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const result = await validator.resultFor(document);
  const ours = findingHover(params, result);
  const pinned = (await lookupsAllowed(document.uri)) ? await registry.hover(params, result) : null;
  const theirs = languageService?.computeHover(document.getText(), params.position);
  // Findings first, then what the registry says of the image, then the keyword help.
  return mergeHovers(mergeHovers(ours, pinned), theirs);
});

connection.onExecuteCommand(async (params) => {
  if (params.command !== Commands.serverFixAll) return;
  const uri = params.arguments?.[0];
  const document = typeof uri === 'string' ? documents.get(uri) : undefined;
  if (!document) return;
  const fixes = compatibleFixes((await validator.resultFor(document)).findings);
  const edits = fixes.flatMap((fix) => fix.edits);
  // What was done, for the client to say (a silent Fix all left users guessing).
  if (edits.length === 0) return { applied: 0 };
  const outcome = await connection.workspace.applyEdit({ label: 'Fix all hardening problems', edit: workspaceEdit(document, edits) });
  return { applied: outcome.applied ? fixes.length : 0 };
});

connection.onShutdown(() => validator.dispose());

declare const VERSION: string;

documents.listen(connection);
connection.listen();
