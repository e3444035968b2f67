import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  commands,
  EventEmitter,
  languages,
  LanguageStatusSeverity,
  Range,
  Selection,
  Uri,
  ViewColumn,
  window,
  workspace,
  type Disposable,
  type TextDocument,
  type TextDocumentContentProvider,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { statusHtml, type StatusRow } from './views/statusHtml';
import { compareHtml, type ComparisonData } from './views/compareHtml';

interface Status {
  paragraphs: { agreed: number; open: number; pending: number };
  bracketPairs: number;
  unresolvedBrackets: number;
  alternativeGroups: number;
  optionGroups: number;
}

const PARAGRAPH_SCHEME = 'treaty-paragraph';

/**
 * What a delegate sees at a glance: the language status item ("31 agreed · 7 open · 12 pending · 15 brackets"), the
 * negotiation status view, and the comparison of two versions. Everything counted comes from the server.
 */
export function registerNegotiationViews(client: LanguageClient): Disposable[] {
  const item = languages.createLanguageStatusItem('treaty.status', { language: 'treaty' });
  item.name = 'Negotiation status';
  item.text = 'Treaty';
  item.command = { title: 'Show status', command: 'treaty.showStatus' };
  let panel: { view: WebviewPanel; uri: string } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const paragraphs = new ParagraphTexts();

  const refresh = async (document: TextDocument | undefined) => {
    if (!document || document.languageId !== 'treaty') return;
    item.busy = true;
    try {
      const status = await client.sendRequest<Status | null>('treaty/status', { textDocument: { uri: document.uri.toString() } });
      if (status) {
        const p = status.paragraphs;
        item.text = `${p.agreed} agreed · ${p.open} open · ${p.pending} pending · ${status.unresolvedBrackets} brackets`;
        item.detail = `${status.bracketPairs} bracket pairs · ${status.alternativeGroups} alternative groups · ${status.optionGroups} option groups`;
        item.severity = LanguageStatusSeverity.Information;
      }
      if (panel && panel.uri === document.uri.toString()) await renderStatus(panel.view, document);
    } catch {
      item.text = 'Treaty: status unavailable';
    } finally {
      item.busy = false;
    }
  };
  const schedule = (document: TextDocument) => {
    clearTimeout(timer);
    item.busy = true;
    timer = setTimeout(() => void refresh(document), 250);
  };

  const renderStatus = async (view: WebviewPanel, document: TextDocument) => {
    const rows = await client.sendRequest<StatusRow[]>('treaty/statusBySection', { textDocument: { uri: document.uri.toString() } });
    view.webview.html = statusHtml(`Negotiation status: ${path.basename(document.uri.path)}`, rows, view.webview.cspSource, nonce());
  };

  const showStatus = async () => {
    const document = activeDraft();
    if (!document) return void window.showWarningMessage('Open a treaty draft to see its negotiation status.');
    if (!panel) {
      const view = window.createWebviewPanel('treaty.status', 'Negotiation Status', ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
      panel = { view, uri: document.uri.toString() };
      view.onDidDispose(() => (panel = undefined));
      view.webview.onDidReceiveMessage(async (message: { reveal?: number }) => {
        if (typeof message.reveal !== 'number' || !panel) return;
        const target = await workspace.openTextDocument(Uri.parse(panel.uri));
        const editor = await window.showTextDocument(target, { viewColumn: ViewColumn.One });
        const at = new Range(message.reveal, 0, message.reveal, 0);
        editor.selection = new Selection(at.start, at.start);
        editor.revealRange(at);
      });
    }
    panel.uri = document.uri.toString();
    panel.view.reveal(ViewColumn.Beside, true);
    await renderStatus(panel.view, document);
  };

  const compare = async () => {
    const document = activeDraft();
    if (!document) return void window.showWarningMessage('Open the newer version of a treaty draft first.');
    const picked = await window.showOpenDialog({ title: 'Compare with another draft (the older version)', canSelectMany: false, filters: { 'Treaty drafts': ['treaty', 'txt'] } });
    if (!picked || picked.length === 0) return;
    const other = picked[0];
    const comparison = await client.sendRequest<ComparisonData | { refused: string }>('treaty/compare', { textDocument: { uri: document.uri.toString() }, other: { uri: other.toString() } });
    if ('refused' in comparison) return void window.showErrorMessage(comparison.refused);
    const beforeText = new TextDecoder().decode(await workspace.fs.readFile(other));
    const afterText = document.getText();
    const beforeName = path.basename(other.path);
    const afterName = path.basename(document.uri.path);
    const view = window.createWebviewPanel('treaty.compare', `${afterName} ↔ ${beforeName}`, ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
    view.webview.html = compareHtml(comparison, beforeName, afterName, view.webview.cspSource, nonce());
    view.webview.onDidReceiveMessage(async (message: { diff?: string }) => {
      const p = comparison.paragraphs.find((q) => q.key === message.diff);
      if (!p) return;
      const left = paragraphs.put(`${beforeName} ${p.name}`, p.before ? beforeText.slice(p.before.span.start, p.before.span.end) : '');
      const right = paragraphs.put(`${afterName} ${p.name}`, p.after ? afterText.slice(p.after.span.start, p.after.span.end) : '');
      await commands.executeCommand('vscode.diff', left, right, `${p.name}: ${beforeName} ↔ ${afterName}`);
    });
  };

  // The draft already open when the extension starts.
  void refresh(window.activeTextEditor?.document);
  return [
    item,
    workspace.registerTextDocumentContentProvider(PARAGRAPH_SCHEME, paragraphs),
    commands.registerCommand('treaty.showStatus', showStatus),
    commands.registerCommand('treaty.compare', compare),
    window.onDidChangeActiveTextEditor((e) => void refresh(e?.document)),
    workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'treaty' && e.document === window.activeTextEditor?.document) schedule(e.document);
    }),
    { dispose: () => clearTimeout(timer) },
  ];
}

function activeDraft(): TextDocument | undefined {
  const document = window.activeTextEditor?.document;
  return document?.languageId === 'treaty' ? document : workspace.textDocuments.find((d) => d.languageId === 'treaty');
}

function nonce(): string {
  return randomBytes(16).toString('base64');
}

/** Read-only texts of single paragraphs, for the diff editor. */
class ParagraphTexts implements TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  private counter = 0;
  readonly onDidChange = this.changed.event;

  put(name: string, text: string): Uri {
    const uri = Uri.from({ scheme: PARAGRAPH_SCHEME, path: `/${++this.counter}/${name.replace(/[/\\]/g, '_')}.treaty` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
