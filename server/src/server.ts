import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedDraft } from './core/analyse';
import { DEFAULT_SETTINGS, normaliseSettings, type TreatySettings } from './core/settings';
import { DraftCache } from './draftCache';
import { draftDiagnostics } from './features/diagnostics';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { negotiationStatus } from './features/status';
import { documentSymbols } from './features/symbols';

/*
 * The only file that knows the connection: it keeps documents and settings, and routes each request to a
 * feature function over the analysed draft. Every handler is isolated: a failure is logged and answered empty.
 */

// A bare `treaty-language-server` speaks stdio, as most editors expect.
if (!process.argv.some((a) => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const cache = new DraftCache();
let settings: TreatySettings = DEFAULT_SETTINGS;
let pullDiagnostics = false;
let configurationRequests = false;
let configurationChangeRegistration = false;
const pendingPublish = new Map<string, NodeJS.Timeout>();
const PUBLISH_DELAY_MS = 120;

function draftOf(uri: string): AnalysedDraft | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  const draft = cache.get(uri, document.version, () => document.getText(), settings.agreedMarkers);
  if (draft.internalError) connection.console.error(`Analysis of ${uri} failed; answering with an empty model: ${draft.internalError}`);
  return draft;
}

function isolated<P, R>(name: string, fallback: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const capabilities = params.capabilities;
  pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  configurationRequests = capabilities.workspace?.configuration === true;
  configurationChangeRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  if (params.initializationOptions && typeof params.initializationOptions === 'object') {
    const options = params.initializationOptions as Record<string, unknown>;
    settings = normaliseSettings(options.treaty ?? options);
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      foldingRangeProvider: true,
      documentSymbolProvider: { label: 'Treaty Drafter' },
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'treaty', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: 'treaty-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (configurationChangeRegistration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'treaty' });
  }
  await reloadSettings();
});

async function reloadSettings(): Promise<void> {
  if (configurationRequests) {
    try {
      const section = await connection.workspace.getConfiguration('treaty');
      if (section !== null && section !== undefined) settings = normaliseSettings(section);
    } catch (error) {
      connection.console.warn(`Could not read the treaty settings, keeping the previous ones: ${String(error)}`);
    }
  }
  refreshDiagnostics();
}

connection.onDidChangeConfiguration(async (change) => {
  const pushed = (change.settings as Record<string, unknown> | null | undefined)?.treaty;
  if (!configurationRequests && pushed) settings = normaliseSettings(pushed);
  await reloadSettings();
});

function refreshDiagnostics(): void {
  if (pullDiagnostics) {
    connection.languages.diagnostics.refresh().catch(() => undefined);
  } else {
    for (const document of documents.all()) schedulePublish(document.uri, 0);
  }
}

function schedulePublish(uri: string, delay = PUBLISH_DELAY_MS): void {
  clearTimeout(pendingPublish.get(uri));
  pendingPublish.set(
    uri,
    setTimeout(() => {
      pendingPublish.delete(uri);
      const document = documents.get(uri);
      if (!document) return;
      const publish = isolated('publishDiagnostics', undefined, () => {
        const draft = draftOf(uri);
        if (!draft) return;
        void connection.sendDiagnostics({ uri, version: document.version, diagnostics: draftDiagnostics(draft, settings, uri) });
      });
      publish(undefined);
    }, delay),
  );
}

documents.onDidChangeContent(({ document }) => {
  if (!pullDiagnostics) schedulePublish(document.uri, document.version <= 1 ? 0 : PUBLISH_DELAY_MS);
});

documents.onDidClose(({ document }) => {
  cache.delete(document.uri);
  clearTimeout(pendingPublish.get(document.uri));
  pendingPublish.delete(document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(
  isolated('textDocument/diagnostic', { kind: 'full' as const, items: [] }, (params) => {
    const draft = draftOf(params.textDocument.uri);
    return { kind: 'full' as const, items: draft ? draftDiagnostics(draft, settings, params.textDocument.uri) : [] };
  }),
);

connection.onHover(
  isolated('textDocument/hover', null, (params) => {
    const draft = draftOf(params.textDocument.uri);
    return draft ? hover(draft, draft.lines.offsetAt(params.position)) : null;
  }),
);

connection.onFoldingRanges(
  isolated('textDocument/foldingRange', [], (params) => {
    const draft = draftOf(params.textDocument.uri);
    return draft ? foldingRanges(draft) : [];
  }),
);

connection.onDocumentSymbol(
  isolated('textDocument/documentSymbol', [], (params) => {
    const draft = draftOf(params.textDocument.uri);
    return draft ? documentSymbols(draft) : [];
  }),
);

connection.onRequest(
  'treaty/status',
  isolated('treaty/status', null, (params: { textDocument?: { uri?: string } }) => {
    const uri = params?.textDocument?.uri;
    const draft = uri ? draftOf(uri) : undefined;
    return draft ? negotiationStatus(draft) : null;
  }),
);

// Whatever escapes a handler is logged; the server keeps serving the other documents.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
