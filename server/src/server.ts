import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, normaliseSettings, type TreatySettings } from './core/settings';
import { DraftCache } from './draftCache';
import { draftDiagnostics } from './features/diagnostics';
import { foldingRanges } from './features/folding';
import { hover } from './features/hover';
import { negotiationStatus, statusBySection } from './features/status';
import { compareDrafts } from './features/compare';
import { analyseDraft, type AnalysedDraft } from './core/analyse';
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { documentSymbols } from './features/symbols';
import { completions } from './features/completion';
import { insertParagraphAfter } from './features/insertParagraph';
import { definition, documentHighlights, references } from './features/navigation';
import { prepareRename, renameEdits } from './features/rename';
import { renumber } from './features/renumber';
import { applySpanEdits, toTextEdits, type SpanEdit } from './core/spanEdits';
import { LineIndex } from './core/lineIndex';
import { formatNumber } from './core/numberForms';
import { LinkedDraftCache } from './linkedDrafts';
import { fileURLToPath } from 'node:url';
import { codeActionOffers, resolveOffer, type Resolution } from './features/codeActions';
import { codeLenses } from './features/codeLenses';

/*
 * The only file that knows the connection: it keeps documents and settings, and routes each request to a
 * feature function over the analysed draft. Every handler is isolated: a failure is logged and answered empty.
 */

// A bare `treaty-language-server` speaks stdio, as most editors expect.
if (!process.argv.some((a) => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}

const connection: Connection = createConnection(ProposedFeatures.all);
// A draft from the cache is good until the handler's next `await`: a later request may catch the cache up, and
// re-analysis consumes the draft it starts from (core/incremental.ts). Handlers keep only what they computed before.
const cache = new DraftCache();
// Each change is applied on its own so that its offsets are read in the text it was made to: the cache re-analyses
// only around the edits (see DraftCache).
const documents = new TextDocuments<TextDocument>({
  create: TextDocument.create,
  update: (document, changes, version) => {
    const from = document.version;
    const edits = [];
    for (const change of changes) {
      const range = 'range' in change ? change.range : undefined;
      const a = range ? document.offsetAt(range.start) : 0;
      const b = range ? document.offsetAt(range.end) : document.getText().length;
      // A reversed range is applied as its well-formed self, as TextDocument.update does.
      edits.push({ start: Math.min(a, b), end: Math.max(a, b), text: change.text });
      document = TextDocument.update(document, [change], version);
    }
    cache.edited(document.uri, { from, to: version, changes: edits });
    return document;
  },
});
let settings: TreatySettings = DEFAULT_SETTINGS;
let pullDiagnostics = false;
let configurationRequests = false;
let configurationChangeRegistration = false;
const pendingPublish = new Map<string, NodeJS.Timeout>();
const linkedDrafts = new LinkedDraftCache();
let workspaceRoots: string[] = [];

/** Cross-draft reads are files the workspace names: an untrusted workspace gets none (the client says which). */
let workspaceTrusted = true;
const NO_LINKED_DRAFTS = { find: () => undefined };

/** The other drafts `treaty.documents` names, as seen from one document. */
function libraryFor(uri: string) {
  if (!workspaceTrusted) return NO_LINKED_DRAFTS;
  return linkedDrafts.library(linkedDraftSources(), uri);
}

function linkedDraftSources() {
  return {
    documents: settings.documents,
    roots: workspaceRoots,
    agreedMarkers: settings.agreedMarkers,
    openText: (other: string) => {
      const open = documents.get(other);
      return open ? { text: open.getText(), version: open.version } : undefined;
    },
  };
}

/*
 * Pull diagnostics carry a result id naming everything they were computed from, so that a client re-asking about an
 * unchanged draft (on focus, on save, after another draft changed) is answered `unchanged` instead of the whole list
 * again: at negotiation scale that list is megabytes of JSON. The id is: this server process, the generation of the
 * settings and workspace trust (bumped wherever the diagnostics are refreshed), the opening of the document (a draft
 * closed and opened again starts again at version 1), its version, and the state of the linked drafts.
 */
const SERVER_SESSION = `${process.pid.toString(36)}-${Date.now().toString(36)}`;
let diagnosticsGeneration = 0;
let openings = 0;
const openingOf = new Map<string, number>();

function diagnosticsResultId(uri: string, version: number): string {
  const id = `${SERVER_SESSION}.${diagnosticsGeneration}.${openingOf.get(uri) ?? 0}.${version}`;
  if (!workspaceTrusted || Object.keys(settings.documents).length === 0) return id;
  const linked = createHash('sha1').update(linkedDrafts.state(linkedDraftSources(), uri)).digest('base64url').slice(0, 12);
  return `${id}.${linked}`;
}

const COMMANDS = { renumber: 'treaty.renumber', insertParagraphAfter: 'treaty.insertParagraphAfter', resolve: 'treaty.resolve' };
let codeActionResolve = false;

/** What a code action or lens carries: the resolution and the version its offsets belong to. */
interface ResolutionData {
  uri: string;
  version: number;
  resolution: Resolution;
}
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
  codeActionResolve = capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
  workspaceRoots = (params.workspaceFolders ?? []).flatMap((f) => {
    try {
      return [fileURLToPath(f.uri)];
    } catch {
      return [];
    }
  });
  if (params.initializationOptions && typeof params.initializationOptions === 'object') {
    const options = params.initializationOptions as Record<string, unknown>;
    settings = normaliseSettings(options.treaty ?? options);
    workspaceTrusted = options.trusted !== false;
  }
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      foldingRangeProvider: true,
      documentSymbolProvider: { label: 'Treaty Drafter' },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      completionProvider: { triggerCharacters: [' '] },
      executeCommandProvider: { commands: [COMMANDS.renumber, COMMANDS.insertParagraphAfter, COMMANDS.resolve] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: true },
      codeLensProvider: { resolveProvider: false },
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'treaty', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
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

connection.onNotification('treaty/workspaceTrusted', () => {
  workspaceTrusted = true;
  refreshDiagnostics();
});

connection.onDidChangeConfiguration(async (change) => {
  const pushed = (change.settings as Record<string, unknown> | null | undefined)?.treaty;
  if (!configurationRequests && pushed) settings = normaliseSettings(pushed);
  await reloadSettings();
});

function refreshDiagnostics(): void {
  diagnosticsGeneration++;
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
        void connection.sendDiagnostics({ uri, version: document.version, diagnostics: draftDiagnostics(draft, settings, uri, libraryFor(uri)) });
      });
      publish(undefined);
    }, delay),
  );
}

documents.onDidChangeContent(({ document }) => {
  if (!pullDiagnostics) schedulePublish(document.uri, document.version <= 1 ? 0 : PUBLISH_DELAY_MS);
});

documents.onDidOpen(({ document }) => {
  openingOf.set(document.uri, ++openings);
});

documents.onDidClose(({ document }) => {
  cache.delete(document.uri);
  openingOf.delete(document.uri);
  clearTimeout(pendingPublish.get(document.uri));
  pendingPublish.delete(document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(
  isolated<DocumentDiagnosticParams, DocumentDiagnosticReport>('textDocument/diagnostic', { kind: 'full', items: [] }, (params) => {
    const uri = params.textDocument.uri;
    const document = documents.get(uri);
    if (!document) return { kind: 'full', items: [] };
    // Named before the items are computed: a linked draft changing meanwhile makes the next pull compute again.
    const resultId = diagnosticsResultId(uri, document.version);
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    const draft = draftOf(uri);
    return { kind: 'full', resultId, items: draft ? draftDiagnostics(draft, settings, uri, libraryFor(uri)) : [] };
  }),
);

connection.onHover(
  isolated('textDocument/hover', null, (params) => {
    const draft = draftOf(params.textDocument.uri);
    return draft ? hover(draft, draft.lines.offsetAt(params.position), libraryFor(params.textDocument.uri)) : null;
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

connection.onDefinition(
  isolated('textDocument/definition', [], (params) => {
    const draft = draftOf(params.textDocument.uri);
    const uri = params.textDocument.uri;
    return draft ? definition(draft, uri, draft.lines.offsetAt(params.position), libraryFor(uri)) : [];
  }),
);

connection.onReferences(
  isolated('textDocument/references', [], (params) => {
    const draft = draftOf(params.textDocument.uri);
    return draft ? references(draft, params.textDocument.uri, draft.lines.offsetAt(params.position), params.context.includeDeclaration) : [];
  }),
);

connection.onDocumentHighlight(
  isolated('textDocument/documentHighlight', [], (params) => {
    const draft = draftOf(params.textDocument.uri);
    return draft ? documentHighlights(draft, draft.lines.offsetAt(params.position)) : [];
  }),
);

connection.onCompletion(
  isolated('textDocument/completion', [], (params) => {
    const draft = draftOf(params.textDocument.uri);
    return draft ? completions(draft, draft.lines.offsetAt(params.position)) : [];
  }),
);

// Refusals are LSP errors: the editor shows their message, and no edit is made.
connection.onPrepareRename((params) => {
  const draft = draftOf(params.textDocument.uri);
  if (!draft) return null;
  const result = guarded('textDocument/prepareRename', () => prepareRename(draft, draft.lines.offsetAt(params.position)));
  if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
  return { range: draft.lines.rangeOf(result.span), placeholder: result.placeholder };
});

connection.onRenameRequest((params) => {
  const document = documents.get(params.textDocument.uri);
  const draft = draftOf(params.textDocument.uri);
  if (!document || !draft) return null;
  const result = guarded('textDocument/rename', () => renameEdits(draft, draft.lines.offsetAt(params.position), params.newName));
  if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
  return versionedEdit(document.uri, document.version, draft, result);
});

connection.onExecuteCommand(async (params) => {
  const [uriArgument, option] = params.arguments ?? [];
  const uri = typeof uriArgument === 'string' ? uriArgument : undefined;
  const document = uri ? documents.get(uri) : undefined;
  const draft = uri ? draftOf(uri) : undefined;
  if (!uri || !document || !draft) return new ResponseError(ErrorCodes.InvalidParams, `${params.command} needs the URI of an open draft as its first argument.`);
  if (params.command === COMMANDS.renumber) {
    const article = typeof option === 'object' && option !== null && 'article' in option ? String((option as { article: unknown }).article) : undefined;
    const result = guarded('treaty.renumber', () => renumber(draft, { article, bis: settings.renumberBis }));
    if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
    if (result.edits.length > 0) {
      const applied = await connection.workspace.applyEdit({ label: 'Renumber paragraphs', edit: versionedEdit(uri, document.version, draft, result.edits) });
      if (!applied.applied) return new ResponseError(LSPErrorCodes.RequestFailed, `The renumbering was not applied${applied.failureReason ? `: ${applied.failureReason}` : ''}. The draft is unchanged.`);
    }
    return { concordance: result.concordance, edits: result.edits.length, warnings: result.warnings };
  }
  if (params.command === COMMANDS.resolve) {
    const data = { uri, version: Number(option), resolution: params.arguments?.[2] as Resolution };
    const edit = resolutionEdit(data);
    if (edit instanceof ResponseError) return edit;
    const applied = await connection.workspace.applyEdit({ label: 'Resolve', edit });
    if (!applied.applied) return new ResponseError(LSPErrorCodes.RequestFailed, `Nothing was changed${applied.failureReason ? `: ${applied.failureReason}` : ''}.`);
    return { applied: true };
  }
  if (params.command === COMMANDS.insertParagraphAfter) {
    const number = typeof option === 'string' || typeof option === 'number' ? String(option) : '';
    const article = params.arguments?.[2];
    const result = guarded('treaty.insertParagraphAfter', () => insertParagraphAfter(draft, number, typeof article === 'string' ? article : undefined));
    if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
    const applied = await connection.workspace.applyEdit({ label: `Insert paragraph ${formatNumber(result.number)}`, edit: versionedEdit(uri, document.version, draft, [result.edit]) });
    if (!applied.applied) return new ResponseError(LSPErrorCodes.RequestFailed, `The paragraph was not inserted${applied.failureReason ? `: ${applied.failureReason}` : ''}.`);
    const cursor = new LineIndex(applySpanEdits(draft.text, [result.edit])).positionAt(result.cursor);
    return { number: formatNumber(result.number), cursor };
  }
  return new ResponseError(ErrorCodes.MethodNotFound, `Unknown command ${params.command}.`);
});

connection.onCodeAction(
  isolated('textDocument/codeAction', [] as CodeAction[], (params) => {
    const document = documents.get(params.textDocument.uri);
    const draft = draftOf(params.textDocument.uri);
    if (!document || !draft) return [];
    const uri = document.uri;
    const context = params.context.diagnostics.map((d) => ({ code: d.code, source: d.source, start: draft.lines.offsetAt(d.range.start), end: draft.lines.offsetAt(d.range.end) }));
    const offers = codeActionOffers(draft, draft.lines.offsetAt(params.range.start), draft.lines.offsetAt(params.range.end), context, settings.agreedMarkers);
    const wanted = params.context.only;
    return offers
      .filter((o) => !wanted || wanted.some((k) => o.kind === k || o.kind.startsWith(`${k}.`)))
      .map((offer): CodeAction => {
        const action: CodeAction = { title: offer.title, kind: offer.kind };
        if (offer.diagnostic !== undefined) action.diagnostics = [params.context.diagnostics[offer.diagnostic]];
        if (offer.isPreferred) action.isPreferred = true;
        if (offer.command) {
          action.command = { title: offer.title, command: offer.command, arguments: [uri] };
        } else if (offer.resolution) {
          const data: ResolutionData = { uri, version: document.version, resolution: offer.resolution };
          if (codeActionResolve) action.data = data;
          else {
            const edit = resolutionEdit(data);
            if (!(edit instanceof ResponseError)) action.edit = edit;
          }
        }
        return action;
      });
  }),
);

connection.onCodeActionResolve((action) => {
  const data = action.data as ResolutionData | undefined;
  if (!data) return action;
  const edit = resolutionEdit(data);
  if (edit instanceof ResponseError) return edit;
  return { ...action, edit };
});

connection.onCodeLens(
  isolated('textDocument/codeLens', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    const draft = draftOf(params.textDocument.uri);
    if (!document || !draft) return [];
    return codeLenses(draft).map((lens) => ({
      range: draft.lines.rangeOf(lens.span),
      command: { title: lens.title, command: COMMANDS.resolve, arguments: [document.uri, document.version, lens.resolution] },
    }));
  }),
);

/**
 * The edit of a resolution, computed on the version it was offered for. A draft that changed since is refused:
 * offsets of one version are never applied to another.
 */
function resolutionEdit(data: ResolutionData) {
  const document = documents.get(data.uri);
  const draft = draftOf(data.uri);
  if (!document || !draft) return new ResponseError(ErrorCodes.InvalidParams, 'That draft is not open any more.');
  if (document.version !== data.version) {
    return new ResponseError(LSPErrorCodes.ContentModified, 'The draft changed since this action was offered; nothing was changed. Ask for the actions again.');
  }
  const result = guarded('resolve', () => resolveOffer(draft, data.resolution, settings.agreedMarkers));
  if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
  return versionedEdit(data.uri, data.version, draft, result);
}

/** One edit of one document at the version it was computed from: a client applies it to that version or not at all. */
function versionedEdit(uri: string, version: number, draft: AnalysedDraft, edits: SpanEdit[]) {
  return { documentChanges: [{ textDocument: { uri, version }, edits: toTextEdits(draft.lines, edits) }] };
}

/** Runs a feature; an exception becomes a refusal with the reason logged, never a crash. */
function guarded<T>(name: string, run: () => T | { refused: string }): T | { refused: string } {
  try {
    return run();
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { refused: `${name} failed inside the language server; nothing was changed. The log has the details.` };
  }
}

connection.onRequest(
  'treaty/status',
  isolated('treaty/status', null, (params: { textDocument?: { uri?: string } }) => {
    const uri = params?.textDocument?.uri;
    const draft = uri ? draftOf(uri) : undefined;
    return draft ? negotiationStatus(draft) : null;
  }),
);

connection.onRequest(
  'treaty/statusBySection',
  isolated('treaty/statusBySection', [], (params: { textDocument?: { uri?: string } }) => {
    const uri = params?.textDocument?.uri;
    const draft = uri ? draftOf(uri) : undefined;
    return draft ? statusBySection(draft) : [];
  }),
);

connection.onRequest(
  'treaty/compare',
  isolated('treaty/compare', { refused: 'The comparison failed inside the language server; the log has the details.' } as object, (params: { textDocument?: { uri?: string }; other?: { uri?: string } }) => {
    const uri = params?.textDocument?.uri;
    const otherUri = params?.other?.uri;
    const draft = uri ? draftOf(uri) : undefined;
    if (!draft || !otherUri) return { refused: 'Compare needs an open draft and another draft to compare it with.' };
    const open = documents.get(otherUri);
    let otherText: string;
    if (open) otherText = open.getText();
    else {
      try {
        otherText = fs.readFileSync(fileURLToPath(otherUri), 'utf8').replace(/^\uFEFF/, '');
      } catch (error) {
        return { refused: `Cannot read ${otherUri}: ${(error as Error).message}` };
      }
    }
    return compareDrafts(analyseDraft(otherText, { agreedMarkers: settings.agreedMarkers }), draft);
  }),
);

// Whatever escapes a handler is logged; the server keeps serving the other documents.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

documents.listen(connection);
connection.listen();
