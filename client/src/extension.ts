import * as path from 'node:path';
import {
  commands,
  EventEmitter,
  languages,
  Selection,
  Uri,
  ViewColumn,
  window,
  workspace,
  type ExtensionContext,
  type TextDocumentContentProvider,
} from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerNegotiationViews } from './negotiationViews';

/*
 * The client is thin: it starts the bundled server over IPC, fills in what a command run from the palette lacks
 * (the active draft, a paragraph number), and shows what the server returns. Every analysis lives in the server.
 */

interface ConcordanceEntry {
  old: string;
  new: string;
  article?: string;
  line: number;
}

const CONCORDANCE_SCHEME = 'treaty-concordance';
let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Treaty Drafter', { log: true });
  const concordances = new ConcordanceDocuments();
  context.subscriptions.push(output, workspace.registerTextDocumentContentProvider(CONCORDANCE_SCHEME, concordances));

  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'treaty' }],
    synchronize: { configurationSection: 'treaty' },
    outputChannel: output,
    initializationOptions: { trusted: workspace.isTrusted },
    middleware: {
      // Commands run from the palette come without arguments: the server needs the draft and, to insert, a number.
      executeCommand: async (command, args, next) => {
        const editor = window.activeTextEditor;
        const uri = typeof args[0] === 'string' ? args[0] : editor?.document.languageId === 'treaty' ? editor.document.uri.toString() : undefined;
        if (!uri) {
          void window.showWarningMessage('Open a treaty draft first.');
          return undefined;
        }
        if (command === 'treaty.insertParagraphAfter' && args.length < 2) {
          const number = await window.showInputBox({ title: 'Insert a paragraph after…', prompt: 'The paragraph number to insert after (it takes the next free suffix: 44 bis, 44 ter…)', validateInput: (v) => (/^\s*\d{1,4}\s*$/.test(v) ? undefined : 'A paragraph number, such as 44') });
          if (number === undefined) return undefined;
          args = [uri, number.trim()];
        } else if (args.length === 0) {
          args = [uri];
        }
        const result = await next(command, args);
        if (command === 'treaty.renumber' && result && Array.isArray((result as { concordance?: unknown }).concordance)) {
          const { concordance, warnings } = result as { concordance: ConcordanceEntry[]; warnings: string[] };
          await concordances.show(uri, concordance, warnings ?? []);
        }
        if (command === 'treaty.insertParagraphAfter' && result && typeof result === 'object' && 'cursor' in result) {
          const cursor = (result as { cursor: { line: number; character: number } }).cursor;
          const target = window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
          if (target) target.selection = new Selection(cursor.line, cursor.character, cursor.line, cursor.character);
        }
        return result;
      },
    },
  };

  client = new LanguageClient('treaty', 'Treaty Drafter', serverOptions, clientOptions);
  context.subscriptions.push(
    client,
    commands.registerCommand('treaty.showConcordance', () => concordances.reveal()),
  );
  output.info(`Starting the Treaty Drafter language server (${module}).`);
  await client.start();
  context.subscriptions.push(
    workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('treaty/workspaceTrusted')),
    ...registerNegotiationViews(client),
  );
  output.info('Treaty Drafter is ready.');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** The concordance of the last renumbering of each draft, as a read-only Markdown document. */
class ConcordanceDocuments implements TextDocumentContentProvider {
  private readonly changed = new EventEmitter<Uri>();
  private readonly contents = new Map<string, string>();
  private last: Uri | undefined;
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.toString()) ?? 'No renumbering yet: run “Treaty: Renumber Paragraphs”.';
  }

  async show(draftUri: string, concordance: ConcordanceEntry[], warnings: string[]): Promise<void> {
    const name = path.basename(Uri.parse(draftUri).path);
    const uri = Uri.from({ scheme: CONCORDANCE_SCHEME, path: `/${name} concordance.md` });
    const changed = concordance.filter((c) => c.old !== c.new).length;
    const rows = concordance.map((c) => `| ${c.article ?? ''} | ${c.old} | ${c.new} | ${c.old === c.new ? '' : 'changed'} | ${c.line} |`);
    const text = [
      `# Concordance: ${name}`,
      '',
      `${changed} of ${concordance.length} paragraphs changed number.`,
      ...(warnings.length > 0 ? ['', '## Look at these references', '', ...warnings.map((w) => `- ${w}`)] : []),
      '',
      '| article | old | new | | line |',
      '|---|---:|---:|---|---:|',
      ...rows,
      '',
    ].join('\n');
    this.contents.set(uri.toString(), text);
    this.last = uri;
    this.changed.fire(uri);
    const document = await workspace.openTextDocument(uri);
    await languages.setTextDocumentLanguage(document, 'markdown');
    await window.showTextDocument(document, { viewColumn: ViewColumn.Beside, preview: true, preserveFocus: true });
  }

  async reveal(): Promise<void> {
    if (!this.last) {
      void window.showInformationMessage('No renumbering yet in this session: run “Treaty: Renumber Paragraphs”.');
      return;
    }
    await window.showTextDocument(await workspace.openTextDocument(this.last), { viewColumn: ViewColumn.Beside, preview: true });
  }
}
