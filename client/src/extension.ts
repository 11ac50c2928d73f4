/**
 * The VS Code side: starts the bundled language server for Dockerfiles and adds two
 * commands. Everything else (diagnostics, fixes, settings) lives in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_GLOBS, FILE_KINDS } from '../../shared/fileKinds';
import { Commands, SETTINGS_SECTION, SOURCE, type DisableChoice } from '../../shared/ids';
import { normalizeSettings } from '../../shared/settings';

let client: LanguageClient | undefined;

/**
 * What the server is sent: files in a language the extension contributes (also unsaved and
 * remote ones), and every other kind by its path, whatever language mode it opens in.
 */
function documentSelector(): LanguageClientOptions['documentSelector'] {
  const selector: { scheme: string; language?: string; pattern?: string }[] = [
    { scheme: 'file', language: 'dockerfile' },
    { scheme: 'untitled', language: 'dockerfile' },
    { scheme: 'vscode-remote', language: 'dockerfile' },
  ];
  for (const info of FILE_KINDS) {
    if (info.language) {
      if (!selector.some((s) => s.language === info.language)) selector.push({ scheme: 'file', language: info.language });
      continue;
    }
    for (const pattern of info.globs) selector.push({ scheme: 'file', pattern });
  }
  return selector;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Dockerfile Hardening', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // Config files (the server re-checks open files when one changes) and every kind the
      // workspace scan checks, so the Problems view follows changes on disk.
      fileEvents: [...CONFIG_GLOBS, ...FILE_KINDS.flatMap((k) => k.globs)].map((glob) => vscode.workspace.createFileSystemWatcher(glob)),
    },
    outputChannel: output,
    diagnosticCollectionName: SOURCE,
    initializationOptions: initializationOptions(),
  };
  client = new LanguageClient('dockerfileHardening', 'Dockerfile Hardening', serverOptions, clientOptions);

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(Commands.fixAll, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'dockerfile' || !client) return;
      const result = (await client.sendRequest('workspace/executeCommand', {
        command: Commands.serverFixAll,
        arguments: [editor.document.uri.toString()],
      })) as { applied?: number } | null;
      // Say what happened: a command that changes nothing, silently, looks broken.
      const applied = result?.applied ?? 0;
      void vscode.window.showInformationMessage(
        applied > 0 ? `Dockerfile Hardening: applied ${applied} safe fix${applied === 1 ? '' : 'es'}.` : 'Dockerfile Hardening: nothing safe to fix in this file.',
      );
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show()),
    vscode.commands.registerCommand(Commands.chooseDisable, (choice: DisableChoice) => chooseDisable(choice)),
  );
  // Capabilities are fixed at start: restart the server when the choice changes.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration(`${SETTINGS_SECTION}.editorFeatures`) || !client) return;
      clientOptions.initializationOptions = initializationOptions();
      await client.restart();
    }),
  );
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('dockerfileHardening/workspaceTrusted')));
  await client.start();
}

/** What the server is told at start: which editor features to offer, trust, and that this client asks for a disable's scope. */
function initializationOptions(): Record<string, boolean> {
  return { editorFeatures: editorFeaturesEnabled(), workspaceTrusted: vscode.workspace.isTrusted, disableChoice: true };
}

/** The second step of "Disable <rule>…": which scope, then the edit the server prepared for it. */
async function chooseDisable(choice: DisableChoice): Promise<void> {
  if (!client || !choice?.choices?.length) return;
  const picked = await vscode.window.showQuickPick(
    choice.choices.map((c) => ({ label: c.label, detail: c.detail, choice: c })),
    { title: `Disable ${choice.ruleId}`, placeHolder: 'Where should the rule be turned off?' },
  );
  if (!picked) return;
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(picked.choice.edit as Parameters<LanguageClient['protocol2CodeConverter']['asWorkspaceEdit']>[0]);
  if (edit) await vscode.workspace.applyEdit(edit);
}

/** Docker's and Microsoft's extensions already complete, hover and format Dockerfiles. */
const OTHER_DOCKERFILE_EXTENSIONS = ['docker.docker', 'ms-azuretools.vscode-docker', 'ms-azuretools.vscode-containers'];

function editorFeaturesEnabled(): boolean {
  const setting = normalizeSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION)).editorFeatures;
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return !OTHER_DOCKERFILE_EXTENSIONS.some((id) => vscode.extensions.getExtension(id));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
