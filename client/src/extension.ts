/**
 * The VS Code side: starts the bundled language server for Dockerfiles and adds two
 * commands. Everything else (diagnostics, fixes, settings) lives in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Commands, SETTINGS_SECTION, SOURCE } from '../../shared/ids';
import { normalizeSettings } from '../../shared/settings';

let client: LanguageClient | undefined;

/** CI systems read on a best-effort basis (findings, no fixes). */
const OTHER_PIPELINES = ['**/azure-pipelines*.{yml,yaml}', '**/.azure-pipelines/*.{yml,yaml}', '**/.circleci/config.{yml,yaml}', '**/bitbucket-pipelines.{yml,yaml}', '**/{Jenkinsfile,Jenkinsfile.*,*.Jenkinsfile}'];
/** YAML under the usual manifest folders; the server checks that they are Kubernetes objects. */
const KUBERNETES_MANIFESTS = '**/{k8s,kubernetes,kube,manifests,deploy,deployment,deployments,kustomize}/**/*.{yml,yaml}';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Dockerfile Hardening', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
      { scheme: 'vscode-remote', language: 'dockerfile' },
      // Compose files and dev containers, whatever language mode they open in.
      { scheme: 'file', pattern: '**/{docker-compose,compose}*.{yml,yaml}' },
      { scheme: 'file', pattern: '**/.devcontainer/**/devcontainer.json' },
      { scheme: 'file', pattern: '**/.devcontainer.json' },
      { scheme: 'file', pattern: '**/.github/workflows/*.{yml,yaml}' },
      { scheme: 'file', pattern: '**/.gitlab-ci.{yml,yaml}' },
      ...OTHER_PIPELINES.map((pattern) => ({ scheme: 'file', pattern })),
      { scheme: 'file', pattern: KUBERNETES_MANIFESTS },
      { scheme: 'file', language: 'dockerignore' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // Project config and ignore files: the server re-checks open files when one changes.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/{.dockerfile-hardening.json,.hadolint.yaml,.hadolint.yml,.dockerignore,*.dockerignore}'),
        // Files checked by the workspace scan, so the Problems view follows changes on disk.
        vscode.workspace.createFileSystemWatcher('**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*,compose*.yml,compose*.yaml,docker-compose*.yml,docker-compose*.yaml,devcontainer.json,.devcontainer.json,.gitlab-ci.yml}'),
        vscode.workspace.createFileSystemWatcher('**/.github/workflows/*.{yml,yaml}'),
        ...OTHER_PIPELINES.map((pattern) => vscode.workspace.createFileSystemWatcher(pattern)),
        vscode.workspace.createFileSystemWatcher(KUBERNETES_MANIFESTS),
      ],
    },
    outputChannel: output,
    diagnosticCollectionName: SOURCE,
    initializationOptions: { editorFeatures: editorFeaturesEnabled(), workspaceTrusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('dockerfileHardening', 'Dockerfile Hardening', serverOptions, clientOptions);

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(Commands.fixAll, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'dockerfile' || !client) return;
      await client.sendRequest('workspace/executeCommand', {
        command: Commands.serverFixAll,
        arguments: [editor.document.uri.toString()],
      });
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => output.show()),
  );
  // Capabilities are fixed at start: restart the server when the choice changes.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration(`${SETTINGS_SECTION}.editorFeatures`) || !client) return;
      clientOptions.initializationOptions = { editorFeatures: editorFeaturesEnabled(), workspaceTrusted: vscode.workspace.isTrusted };
      await client.restart();
    }),
  );
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('dockerfileHardening/workspaceTrusted')));
  await client.start();
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
