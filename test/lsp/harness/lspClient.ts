/*
 * A small, reusable LSP test client over stdio, for mocha tests.
 *
 * It spawns `node <serverPath> --stdio`, performs the initialize handshake with
 * rich client capabilities, answers the server->client requests a real editor
 * would answer (registerCapability, workspace/configuration, applyEdit, ...),
 * and offers helpers for document sync and diagnostics in both pull and push mode.
 *
 * Runtime dependencies (vscode-jsonrpc) are loaded relative to the repository
 * root, not relative to this file, so the compiled harness also works when it
 * is emitted outside the repository (e.g. `tsc --outDir /tmp/...`).
 * Everything imported from vscode-languageserver-protocol is type-only.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { pathToFileURL } from 'url';
// Types only: the runtime module is loaded relative to the repo root (see loadRpc), so that a copy of this
// file compiled elsewhere still finds the repo's packages.
import type * as RpcNode from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  ClientCapabilities,
  CompletionItemKind,
  ConfigurationItem,
  ConfigurationParams,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  Registration,
  RegistrationParams,
  SymbolKind,
  TextDocumentContentChangeEvent,
  UnregistrationParams,
} from 'vscode-languageserver-protocol';

export type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  Diagnostic,
  InitializeResult,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export interface StartOptions {
  /** default: <repo root>/server/out/server.js */
  serverPath?: string;
  /** advertise the textDocument.diagnostic client capability and use pull diagnostics (default true) */
  pullDiagnostics?: boolean;
  /** what the client answers to workspace/configuration for section 'treaty' (default {}); other sections get null */
  configuration?: Record<string, unknown>;
  /** absolute folder paths */
  workspaceFolders?: string[];
  /** sent as initializationOptions (default: omitted) */
  initializationOptions?: unknown;
  /** per-request timeout in ms (default 15000) */
  requestTimeoutMs?: number;
  /**
   * Merged into the default client capabilities: plain objects are merged key by key, anything else (arrays,
   * primitives) replaces the default, and a key set to `undefined` is left out. E.g. eager code actions:
   * `{ textDocument: { codeAction: { resolveSupport: undefined } } }`.
   */
  capabilities?: Partial<ClientCapabilities>;
}

/** Default time (ms) a request may take before it is rejected. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** Default time (ms) `diagnostics()` waits for a push (publishDiagnostics) notification. */
export const DEFAULT_PUSH_DIAGNOSTICS_TIMEOUT_MS = 10_000;
const SHUTDOWN_KILL_AFTER_MS = 3_000;
const ERROR_SERVER_CANCELLED = -32802;

/** file:// URI from an absolute (or cwd-relative) file system path. */
export function fileUri(absPath: string): string {
  return pathToFileURL(path.resolve(absPath)).href;
}

let cachedRepoRoot: string | undefined;

/**
 * The repository root: the nearest folder, walking up from this file's folder
 * (then from the current working directory), whose package.json has the name
 * "treaty-drafter".
 */
export function repoRoot(): string {
  if (cachedRepoRoot) return cachedRepoRoot;
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      const pkg = path.join(dir, 'package.json');
      try {
        if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'treaty-drafter') {
          cachedRepoRoot = dir;
          return dir;
        }
      } catch {
        // unreadable / invalid package.json: keep walking up
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(
    `lspClient: cannot find the repository root (a package.json named "treaty-drafter") above ${__dirname} or ${process.cwd()}`,
  );
}

let cachedRpc: typeof RpcNode | undefined;
function rpc(): typeof RpcNode {
  if (!cachedRpc) {
    const req = createRequire(path.join(repoRoot(), 'package.json'));
    cachedRpc = req('vscode-jsonrpc/node') as typeof RpcNode;
  }
  return cachedRpc;
}

// Servers that were started but never shut down are killed when the test process exits.
const liveProcesses = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of liveProcesses) {
      try {
        p.kill('SIGKILL');
      } catch {
        /* ignore */
      }
    }
  });
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

interface DocState {
  version: number;
  /** bumped on every open/change/close; a publish "belongs" to the generation current when it arrived */
  generation: number;
}

interface PublishedState {
  diagnostics: Diagnostic[];
  version?: number;
  generation: number;
}

interface PushWaiter {
  uri: string;
  resolve: (d: Diagnostic[]) => void;
  reject: (e: Error) => void;
}

interface PendingOp {
  method: string;
  reject: (e: Error) => void;
}

function buildClientCapabilities(pull: boolean): ClientCapabilities {
  const symbolKinds = Array.from({ length: 26 }, (_, i) => i + 1) as SymbolKind[];
  const completionKinds = Array.from({ length: 25 }, (_, i) => i + 1) as CompletionItemKind[];
  const caps: ClientCapabilities = {
    general: {
      positionEncodings: ['utf-16'],
      markdown: { parser: 'marked', version: '1.1.0' },
      staleRequestSupport: { cancel: true, retryOnContentModified: [] },
    },
    window: {
      workDoneProgress: true,
      showMessage: { messageActionItem: { additionalPropertiesSupport: true } },
      showDocument: { support: true },
    },
    workspace: {
      applyEdit: true,
      workspaceEdit: {
        documentChanges: true,
        resourceOperations: ['create', 'rename', 'delete'],
        failureHandling: 'textOnlyTransactional',
        normalizesLineEndings: true,
        changeAnnotationSupport: { groupsOnLabel: true },
      },
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      workspaceFolders: true,
      symbol: { dynamicRegistration: true, symbolKind: { valueSet: symbolKinds } },
      executeCommand: { dynamicRegistration: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, willSave: false, willSaveWaitUntil: false, didSave: true },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: {
        dynamicRegistration: true,
        hierarchicalDocumentSymbolSupport: true,
        symbolKind: { valueSet: symbolKinds },
        tagSupport: { valueSet: [1] },
        labelSupport: true,
      },
      foldingRange: {
        dynamicRegistration: true,
        rangeLimit: 5000,
        lineFoldingOnly: true,
        foldingRangeKind: { valueSet: ['comment', 'imports', 'region'] },
        foldingRange: { collapsedText: false },
      },
      publishDiagnostics: {
        relatedInformation: true,
        versionSupport: true,
        tagSupport: { valueSet: [1, 2] },
        codeDescriptionSupport: true,
        dataSupport: true,
      },
      rename: {
        dynamicRegistration: true,
        prepareSupport: true,
        prepareSupportDefaultBehavior: 1,
        honorsChangeAnnotations: true,
      },
      codeAction: {
        dynamicRegistration: true,
        isPreferredSupport: true,
        disabledSupport: true,
        dataSupport: true,
        honorsChangeAnnotations: true,
        resolveSupport: { properties: ['edit'] },
        codeActionLiteralSupport: {
          codeActionKind: {
            valueSet: [
              '',
              'quickfix',
              'refactor',
              'refactor.extract',
              'refactor.inline',
              'refactor.rewrite',
              'source',
              'source.organizeImports',
              'source.fixAll',
            ],
          },
        },
      },
      completion: {
        dynamicRegistration: true,
        contextSupport: true,
        insertTextMode: 2,
        completionItem: {
          snippetSupport: true,
          commitCharactersSupport: true,
          documentationFormat: ['markdown', 'plaintext'],
          deprecatedSupport: true,
          preselectSupport: true,
          tagSupport: { valueSet: [1] },
          insertReplaceSupport: true,
          resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
          insertTextModeSupport: { valueSet: [1, 2] },
          labelDetailsSupport: true,
        },
        completionItemKind: { valueSet: completionKinds },
        completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
      },
      signatureHelp: {
        dynamicRegistration: true,
        signatureInformation: { documentationFormat: ['markdown', 'plaintext'], activeParameterSupport: true },
        contextSupport: true,
      },
      definition: { dynamicRegistration: true, linkSupport: true },
      references: { dynamicRegistration: true },
      documentHighlight: { dynamicRegistration: true },
      documentLink: { dynamicRegistration: true, tooltipSupport: true },
      codeLens: { dynamicRegistration: true },
      formatting: { dynamicRegistration: true },
      rangeFormatting: { dynamicRegistration: true },
      selectionRange: { dynamicRegistration: true },
    },
  };
  if (pull) {
    caps.textDocument!.diagnostic = { dynamicRegistration: true, relatedDocumentSupport: false };
  }
  return caps;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge of StartOptions.capabilities into the defaults (see there). */
function mergeCapabilities(defaults: ClientCapabilities, extra: Partial<ClientCapabilities> | undefined): ClientCapabilities {
  const merge = (base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) {
      if (value === undefined) delete out[key];
      else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = merge(out[key] as Record<string, unknown>, value);
      else out[key] = clone(value);
    }
    return out;
  };
  return extra ? (merge(defaults as Record<string, unknown>, extra as Record<string, unknown>) as ClientCapabilities) : defaults;
}

export class LspTestClient {
  /** The server's answer to `initialize`. */
  readonly initializeResult: InitializeResult;
  /** Every workspace/applyEdit the server sent (recorded whatever handler is installed). */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** window/logMessage texts, in order. */
  readonly logMessages: string[] = [];
  /** window/showMessage texts, in order. */
  readonly shownMessages: string[] = [];
  /** Registrations received through client/registerCapability (minus unregistered ones). */
  readonly registrations: Registration[] = [];
  /** The `items` of every workspace/configuration request the server sent. */
  readonly configurationRequests: ConfigurationItem[][] = [];

  private readonly proc: ChildProcess;
  private readonly conn: RpcNode.MessageConnection;
  private readonly pull: boolean;
  private readonly requestTimeoutMs: number;
  private config: Record<string, unknown>;
  private stderrText = '';
  private exited = false;
  private exitInfo = '';
  private readonly exitPromise: Promise<void>;
  private shuttingDown: Promise<void> | undefined;
  private applyEditHandler: (
    params: ApplyWorkspaceEditParams,
  ) => ApplyWorkspaceEditResult | Promise<ApplyWorkspaceEditResult> = () => ({ applied: true });
  private readonly docs = new Map<string, DocState>();
  private readonly publishedMap = new Map<string, PublishedState>();
  private pushWaiters: PushWaiter[] = [];
  private readonly pending = new Set<PendingOp>();

  /** Spawn `node <serverPath> --stdio`, send `initialize` and `initialized`. */
  static async start(opts: StartOptions = {}): Promise<LspTestClient> {
    const serverPath = path.resolve(opts.serverPath ?? path.join(repoRoot(), 'server', 'out', 'server.js'));
    if (!fs.existsSync(serverPath)) {
      throw new Error(
        `lspClient: language server not found at ${serverPath}` +
          (opts.serverPath ? '' : " (run 'npm run build' first)"),
      );
    }
    const client = new LspTestClient(serverPath, opts);
    try {
      await client.initialize(opts);
    } catch (e) {
      await client.kill();
      const stderr = client.stderr.trim();
      throw new Error(
        `lspClient: initialize failed for ${serverPath}: ${errorMessage(e)}` +
          (stderr ? `\n--- server stderr ---\n${stderr.slice(-4000)}` : ''),
      );
    }
    return client;
  }

  private constructor(serverPath: string, opts: StartOptions) {
    const jsonrpc = rpc();
    this.pull = opts.pullDiagnostics ?? true;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.config = clone(opts.configuration ?? {});
    this.initializeResult = undefined as unknown as InitializeResult; // set in initialize()

    installExitHook();
    this.proc = spawn(process.execPath, [serverPath, '--stdio'], {
      cwd: repoRoot(),
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env },
    });
    liveProcesses.add(this.proc);
    // A forgotten server must not keep mocha alive; pending requests/waits keep their own timers.
    this.proc.unref();
    for (const s of [this.proc.stdin, this.proc.stdout, this.proc.stderr]) {
      const h = s as unknown as { unref?: () => void; on: (ev: string, cb: (e: unknown) => void) => void };
      h.on('error', () => {
        /* EPIPE etc.: surfaced through the exit / connection handling */
      });
      h.unref?.();
    }
    this.proc.stderr!.setEncoding('utf8');
    this.proc.stderr!.on('data', (chunk: string) => {
      this.stderrText += chunk;
    });

    this.exitPromise = new Promise<void>((resolve) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null, err?: Error) => {
        if (this.exited) return;
        this.exited = true;
        this.exitInfo = err
          ? `failed to start: ${err.message}`
          : `exited with ${signal ? `signal ${signal}` : `code ${code}`}`;
        liveProcesses.delete(this.proc);
        this.failAllPending(new Error(`lspClient: server ${this.exitInfo}${this.stderrTail()}`));
        resolve();
      };
      this.proc.on('exit', (code, signal) => onExit(code, signal));
      this.proc.on('error', (err) => onExit(null, null, err));
    });

    const logger: RpcNode.Logger = {
      error: (m) => this.logMessages.push(`[jsonrpc error] ${m}`),
      warn: (m) => this.logMessages.push(`[jsonrpc warn] ${m}`),
      info: () => undefined,
      log: () => undefined,
    };
    this.conn = jsonrpc.createMessageConnection(
      new jsonrpc.StreamMessageReader(this.proc.stdout!),
      new jsonrpc.StreamMessageWriter(this.proc.stdin!),
      logger,
    );
    this.conn.onError(() => {
      /* reader/writer errors surface as process exit or request failures */
    });
    this.conn.onClose(() => {
      this.failAllPending(new Error(`lspClient: connection to server closed${this.stderrTail()}`));
    });
    this.conn.onUnhandledNotification(() => {
      /* ignore unknown notifications */
    });
    this.installHandlers();
    this.conn.listen();
  }

  private installHandlers(): void {
    const c = this.conn;
    c.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.registrations.push(...(params?.registrations ?? []));
      return null;
    });
    c.onRequest('client/unregisterCapability', (params: UnregistrationParams) => {
      // the protocol's (misspelled) property name is "unregisterations"
      for (const u of params?.unregisterations ?? []) {
        const i = this.registrations.findIndex((r) => r.id === u.id);
        if (i >= 0) this.registrations.splice(i, 1);
      }
      return null;
    });
    c.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      const items = params?.items ?? [];
      this.configurationRequests.push(clone(items));
      return items.map((item) => this.configurationFor(item.section));
    });
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('workspace/applyEdit', async (params: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(params);
      try {
        return await this.applyEditHandler(params);
      } catch (e) {
        return { applied: false, failureReason: errorMessage(e) } satisfies ApplyWorkspaceEditResult;
      }
    });
    c.onRequest('workspace/workspaceFolders', () => this.workspaceFolders);
    c.onRequest('window/showMessageRequest', () => null);
    c.onRequest('window/showDocument', () => ({ success: true }));
    for (const refresh of [
      'workspace/diagnostic/refresh',
      'workspace/semanticTokens/refresh',
      'workspace/inlayHint/refresh',
      'workspace/inlineValue/refresh',
      'workspace/codeLens/refresh',
      'workspace/foldingRange/refresh',
    ]) {
      c.onRequest(refresh, () => null);
    }

    c.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logMessages.push(p?.message ?? '');
    });
    c.onNotification('window/showMessage', (p: LogMessageParams) => {
      this.shownMessages.push(p?.message ?? '');
    });
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.onPublish(p));
  }

  private workspaceFolders: { uri: string; name: string }[] | null = null;

  private async initialize(opts: StartOptions): Promise<void> {
    const folders = (opts.workspaceFolders ?? []).map((f) => ({ uri: fileUri(f), name: path.basename(f) }));
    this.workspaceFolders = folders.length ? folders : null;
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: 'treaty-drafter-lsp-test-client', version: '1.0.0' },
      locale: 'en',
      rootPath: opts.workspaceFolders?.[0] ?? null,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: this.workspaceFolders,
      capabilities: mergeCapabilities(buildClientCapabilities(this.pull), opts.capabilities),
      trace: 'off',
    };
    if (opts.initializationOptions !== undefined) params.initializationOptions = opts.initializationOptions;
    const result = await this.request<InitializeResult>('initialize', params);
    (this as { initializeResult: InitializeResult }).initializeResult = result;
    await this.notify('initialized', {});
  }

  // ---------------------------------------------------------------- generic messaging

  /** Send a request; rejects after timeoutMs (default: the client's request timeout, 15 s) with an error naming the method. */
  request<R>(method: string, params: unknown, timeoutMs = this.requestTimeoutMs): Promise<R> {
    return this.requestWithTimeout<R>(method, params, timeoutMs);
  }

  private requestWithTimeout<R>(method: string, params: unknown, timeoutMs: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.exited) {
        reject(new Error(`lspClient: cannot send request '${method}': server ${this.exitInfo}${this.stderrTail()}`));
        return;
      }
      const jsonrpc = rpc();
      const cts = new jsonrpc.CancellationTokenSource();
      let done = false;
      const op: PendingOp = {
        method,
        reject: (e) => finish(() => reject(new Error(`lspClient: request '${method}' failed: ${e.message}`))),
      };
      const finish = (f: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.pending.delete(op);
        cts.dispose();
        f();
      };
      const timer = setTimeout(() => {
        try {
          cts.cancel(); // sends $/cancelRequest
        } catch {
          /* ignore */
        }
        finish(() => reject(new Error(`lspClient: request '${method}' timed out after ${timeoutMs} ms`)));
      }, timeoutMs);
      this.pending.add(op);
      let p: Promise<R>;
      try {
        p =
          params === undefined || params === null
            ? this.conn.sendRequest<R>(method, cts.token)
            : this.conn.sendRequest<R>(method, params, cts.token);
      } catch (e) {
        finish(() => reject(new Error(`lspClient: cannot send request '${method}': ${errorMessage(e)}`)));
        return;
      }
      p.then(
        (r) => finish(() => resolve(r)),
        (e: unknown) => {
          const err = new Error(`lspClient: request '${method}' failed: ${errorMessage(e)}`);
          const code = (e as { code?: unknown } | null)?.code;
          if (typeof code === 'number') (err as Error & { code?: number }).code = code;
          (err as Error & { data?: unknown }).data = (e as { data?: unknown } | null)?.data;
          finish(() => reject(err));
        },
      );
    });
  }

  /** Send a notification; resolves once it has been written. */
  async notify(method: string, params: unknown): Promise<void> {
    if (this.exited) {
      throw new Error(`lspClient: cannot send notification '${method}': server ${this.exitInfo}${this.stderrTail()}`);
    }
    try {
      if (params === undefined) await this.conn.sendNotification(method);
      else await this.conn.sendNotification(method, params);
    } catch (e) {
      throw new Error(`lspClient: cannot send notification '${method}': ${errorMessage(e)}${this.stderrTail()}`);
    }
  }

  // ---------------------------------------------------------------- documents

  async open(uri: string, text: string, languageId = 'treaty', version = 1): Promise<void> {
    const prev = this.docs.get(uri);
    this.docs.set(uri, { version, generation: (prev?.generation ?? 0) + 1 });
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const prev = this.docs.get(uri);
    this.docs.set(uri, { version, generation: (prev?.generation ?? 0) + 1 });
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    const prev = this.docs.get(uri);
    this.docs.set(uri, { version: prev?.version ?? 0, generation: (prev?.generation ?? 0) + 1 });
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  // ---------------------------------------------------------------- diagnostics

  /**
   * Pull mode (StartOptions.pullDiagnostics, default): sends textDocument/diagnostic and returns
   * the items of the full report (retrying on ServerCancelled). If the server advertises no
   * diagnostic provider (statically or via registerCapability) this falls back to push mode.
   * Push mode: waits for the next publishDiagnostics for `uri` that arrived after the last
   * open/change/close of it (and, when the publish carries a version, matches the current version);
   * returns at once if one has already arrived.
   * timeoutMs defaults to 15 s (pull) / 10 s (push).
   */
  async diagnostics(uri: string, timeoutMs?: number): Promise<Diagnostic[]> {
    if (this.pull && this.serverSupportsPull()) {
      return this.pullDiagnostics(uri, timeoutMs ?? this.requestTimeoutMs);
    }
    return this.waitForPush(uri, timeoutMs ?? DEFAULT_PUSH_DIAGNOSTICS_TIMEOUT_MS);
  }

  /** Latest publishDiagnostics received for uri (undefined if none). */
  published(uri: string): Diagnostic[] | undefined {
    return this.publishedMap.get(uri)?.diagnostics;
  }

  private serverSupportsPull(): boolean {
    return (
      !!this.initializeResult?.capabilities?.diagnosticProvider ||
      this.registrations.some((r) => r.method === 'textDocument/diagnostic')
    );
  }

  private async pullDiagnostics(uri: string, timeoutMs: number): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`lspClient: request 'textDocument/diagnostic' timed out after ${timeoutMs} ms (uri ${uri})`);
      }
      try {
        const report = await this.requestWithTimeout<DocumentDiagnosticReport | null>(
          'textDocument/diagnostic',
          { textDocument: { uri } },
          remaining,
        );
        if (!report) return [];
        if (report.kind === 'full') return report.items ?? [];
        throw new Error(`lspClient: textDocument/diagnostic for ${uri} returned kind '${report.kind}', expected 'full'`);
      } catch (e) {
        if ((e as { code?: unknown }).code === ERROR_SERVER_CANCELLED && !this.exited) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        throw e;
      }
    }
  }

  private isCurrent(uri: string, pub: PublishedState): boolean {
    const doc = this.docs.get(uri);
    if (!doc) return true; // never opened by us: any publish counts
    if (pub.version !== undefined && pub.version !== null) {
      return pub.version === doc.version && pub.generation === doc.generation;
    }
    return pub.generation === doc.generation;
  }

  private onPublish(p: PublishDiagnosticsParams): void {
    if (!p || typeof p.uri !== 'string') return;
    const doc = this.docs.get(p.uri);
    const state: PublishedState = {
      diagnostics: p.diagnostics ?? [],
      version: p.version ?? undefined,
      generation: doc?.generation ?? 0,
    };
    // A publish for an older version (in flight while we changed the doc) must not count as current.
    if (doc && state.version !== undefined && state.version !== doc.version) state.generation = -1;
    this.publishedMap.set(p.uri, state);
    if (!this.isCurrent(p.uri, state)) return;
    const ready = this.pushWaiters.filter((w) => w.uri === p.uri);
    this.pushWaiters = this.pushWaiters.filter((w) => w.uri !== p.uri);
    for (const w of ready) w.resolve(state.diagnostics);
  }

  private waitForPush(uri: string, timeoutMs: number): Promise<Diagnostic[]> {
    const latest = this.publishedMap.get(uri);
    if (latest && this.isCurrent(uri, latest)) return Promise.resolve(latest.diagnostics);
    if (this.exited) {
      return Promise.reject(
        new Error(`lspClient: cannot wait for diagnostics of ${uri}: server ${this.exitInfo}${this.stderrTail()}`),
      );
    }
    return new Promise<Diagnostic[]>((resolve, reject) => {
      const op: PendingOp = { method: 'textDocument/publishDiagnostics', reject: (e) => fail(e) };
      const cleanup = () => {
        clearTimeout(timer);
        this.pending.delete(op);
        this.pushWaiters = this.pushWaiters.filter((x) => x !== w);
      };
      const fail = (e: Error) => {
        cleanup();
        reject(e);
      };
      const w: PushWaiter = {
        uri,
        resolve: (d) => {
          cleanup();
          resolve(d);
        },
        reject: fail,
      };
      const timer = setTimeout(() => {
        const doc = this.docs.get(uri);
        fail(
          new Error(
            `lspClient: timed out after ${timeoutMs} ms waiting for textDocument/publishDiagnostics for ${uri}` +
              (doc ? ` (document version ${doc.version})` : ' (document was never opened by this client)'),
          ),
        );
      }, timeoutMs);
      this.pending.add(op);
      this.pushWaiters.push(w);
    });
  }

  // ---------------------------------------------------------------- configuration / edits

  private configurationFor(section: string | undefined): unknown {
    if (section === 'treaty') return clone(this.config);
    if (section && section.startsWith('treaty.')) {
      const rest = section.slice('treaty.'.length);
      // flat form first ({ "maxProblems": 1 } answers 'treaty.maxProblems'), then nested ({ a: { b: 1 } } answers 'treaty.a.b')
      if (Object.prototype.hasOwnProperty.call(this.config, rest)) return clone(this.config[rest]) ?? null;
      let v: unknown = this.config;
      for (const key of rest.split('.')) {
        if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return null;
        v = (v as Record<string, unknown>)[key];
      }
      return clone(v) ?? null;
    }
    return null;
  }

  /** Replace what workspace/configuration answers for 'treaty' and send didChangeConfiguration { settings: null }. */
  async setConfiguration(cfg: Record<string, unknown>): Promise<void> {
    this.config = clone(cfg);
    await this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  /** Install the workspace/applyEdit handler (default answers { applied: true }). Edits are always recorded in appliedEdits. */
  onApplyEdit(
    handler: (params: ApplyWorkspaceEditParams) => ApplyWorkspaceEditResult | Promise<ApplyWorkspaceEditResult>,
  ): void {
    this.applyEditHandler = handler;
  }

  // ---------------------------------------------------------------- process

  /** Everything the server wrote to stderr. */
  get stderr(): string {
    return this.stderrText;
  }

  /** The server process has not exited. */
  isAlive(): boolean {
    return !this.exited;
  }

  /** shutdown request + exit notification, then wait for the process to exit (SIGKILL after 3 s). Idempotent. */
  shutdown(): Promise<void> {
    if (!this.shuttingDown) this.shuttingDown = this.doShutdown();
    return this.shuttingDown;
  }

  private async doShutdown(): Promise<void> {
    if (!this.exited) {
      try {
        await this.requestWithTimeout<void>('shutdown', undefined, SHUTDOWN_KILL_AFTER_MS);
      } catch {
        /* a broken server is killed below */
      }
      try {
        if (!this.exited) await this.conn.sendNotification('exit');
      } catch {
        /* ignore */
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        this.exitPromise.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), SHUTDOWN_KILL_AFTER_MS))),
      ]);
      clearTimeout(timer);
      if (timedOut) await this.kill();
    }
    this.disposeConnection();
  }

  private async kill(): Promise<void> {
    if (!this.exited) {
      try {
        this.proc.kill('SIGKILL');
      } catch {
        /* ignore */
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exitPromise, new Promise<void>((r) => (timer = setTimeout(r, 2_000)))]);
      clearTimeout(timer);
    }
    this.disposeConnection();
  }

  private disposeConnection(): void {
    try {
      this.conn.dispose();
    } catch {
      /* ignore */
    }
  }

  private failAllPending(err: Error): void {
    for (const op of [...this.pending]) op.reject(err);
    this.pending.clear();
  }

  private stderrTail(): string {
    const t = this.stderrText.trim();
    return t ? `\n--- server stderr (tail) ---\n${t.slice(-2000)}` : '';
  }
}
