/**
 * The language server: `dockerfile-hardening-language-server --stdio` for any LSP client,
 * and the server the VS Code extension starts. Handlers are thin; the engine does the work.
 */
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands } from '../../../shared/ids';
import { initEngine } from '../engine/linter';
import { CODE_ACTION_KINDS, codeActionsFor, fixAllEdits, workspaceEdit } from './codeActions';
import { editorCapabilities, registerEditorFeatures } from './editorFeatures';
import { findingHover, mergeHovers } from './hover';
import { SettingsStore } from './settings';
import { Validator } from './validation';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let canPullConfiguration = false;
const settings = new SettingsStore(connection, () => canPullConfiguration);
const validator = new Validator(connection, documents, settings);

let languageService: ReturnType<typeof registerEditorFeatures> | null = null;

connection.onInitialize(async (params): Promise<InitializeResult> => {
  canPullConfiguration = params.capabilities.workspace?.configuration === true;
  // The VS Code client turns these off when Docker's or Microsoft's extension already has them;
  // other editors get them unless they say `editorFeatures: false`.
  const options = (params.initializationOptions ?? {}) as { editorFeatures?: boolean };
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
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
      executeCommandProvider: { commands: [Commands.serverFixAll] },
    },
    serverInfo: { name: 'dockerfile-hardening', version: VERSION },
  };
});

connection.onDidChangeConfiguration((change) => {
  settings.changed(change.settings);
  validator.revalidateAll();
});

// The client watches config files (.dockerfile-hardening.json, .hadolint.yaml) and tells us.
connection.onDidChangeWatchedFiles(() => validator.configChanged());

documents.onDidOpen((event) => void validator.onOpenOrSave(event.document));
documents.onDidSave((event) => void validator.onOpenOrSave(event.document));
documents.onDidChangeContent((event) => void validator.onChange(event.document));
documents.onDidClose((event) => validator.onClose(event.document.uri));

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  return codeActionsFor(params, document, await validator.resultFor(document));
});

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const ours = findingHover(params, await validator.resultFor(document));
  const theirs = languageService?.computeHover(document.getText(), params.position);
  return mergeHovers(ours, theirs);
});

connection.onExecuteCommand(async (params) => {
  if (params.command !== Commands.serverFixAll) return;
  const uri = params.arguments?.[0];
  const document = typeof uri === 'string' ? documents.get(uri) : undefined;
  if (!document) return;
  const edits = fixAllEdits(await validator.resultFor(document));
  if (edits.length > 0) await connection.workspace.applyEdit({ label: 'Fix all hardening problems', edit: workspaceEdit(document, edits) });
});

declare const VERSION: string;

documents.listen(connection);
connection.listen();
