/*
 * Self-check of the LSP test harness against a trivial fake server
 * (test/lsp/harness/fixtures/echo-server.js). Does not need the real server.
 */
import * as assert from 'assert';
import * as path from 'path';
import { fileUri, LspTestClient, repoRoot } from './lspClient';
import type { ApplyWorkspaceEditResult, Diagnostic } from './lspClient';

// Resolved from the repo root: tsc does not copy .js fixtures to out/.
const ECHO_SERVER = path.join(repoRoot(), 'test', 'lsp', 'harness', 'fixtures', 'echo-server.js');

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

function lines(diags: Diagnostic[]): number[] {
  return diags.map((d) => d.range.start.line).sort((a, b) => a - b);
}

describe('LSP test harness (self-check against echo-server)', function () {
  this.timeout(20_000);

  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    assert.deepStrictEqual(unhandled, [], 'no unhandled rejections');
  });

  it('fileUri builds file:// URIs', () => {
    const uri = fileUri(path.join(path.sep, 'tmp', 'a b', 'x.treaty'));
    assert.match(uri, /^file:\/\/.*\/a%20b\/x\.treaty$/);
  });

  it('refuses a missing server with a clear error', async () => {
    await assert.rejects(
      LspTestClient.start({ serverPath: path.join(repoRoot(), 'does-not-exist.js') }),
      /language server not found/,
    );
  });

  describe('pull diagnostics (default)', () => {
    let client: LspTestClient;
    const uri = fileUri(path.join(repoRoot(), 'samples', 'pull.treaty'));

    before(async () => {
      client = await LspTestClient.start({
        serverPath: ECHO_SERVER,
        configuration: { maxProblems: 7, nested: { value: 'deep' } },
        workspaceFolders: [repoRoot()],
      });
    });
    after(async () => {
      await client?.shutdown();
    });

    it('initializes and records server output', async () => {
      assert.strictEqual(client.initializeResult.serverInfo?.name, 'echo-server');
      assert.ok(client.initializeResult.capabilities.diagnosticProvider);
      assert.ok(client.isAlive());
      // round-trip a request so that the initialized-time messages have arrived
      await client.request('test/state', null);
      assert.ok(client.logMessages.includes('echo-server initialized'), JSON.stringify(client.logMessages));
      assert.match(client.stderr, /echo-server: initialize received/);
    });

    it('returns pulled diagnostics for open and incremental change', async () => {
      await client.open(uri, 'fine\nthis is BAD\nok\nBAD again\n');
      assert.deepStrictEqual(lines(await client.diagnostics(uri)), [1, 3]);

      // replace "BAD" on line 1 with "good"
      await client.change(uri, 2, [
        { range: { start: { line: 1, character: 8 }, end: { line: 1, character: 11 } }, text: 'good' },
      ]);
      const diags = await client.diagnostics(uri);
      assert.deepStrictEqual(lines(diags), [3]);
      assert.strictEqual(diags[0].message, 'BAD on line 4');
    });

    it('answers workspace/configuration and updates it with setConfiguration', async () => {
      const first = await client.request<unknown[]>('test/askConfig', {});
      assert.deepStrictEqual(first, [{ maxProblems: 7, nested: { value: 'deep' } }, null, 'deep']);

      await client.setConfiguration({ maxProblems: 1 });
      const second = await client.request<unknown[]>('test/askConfig', {});
      assert.deepStrictEqual(second, [{ maxProblems: 1 }, null, null]);

      const state = await client.request<{ configChanges: number; lastSettings: unknown }>('test/state', null);
      assert.strictEqual(state.configChanges, 1);
      assert.strictEqual(state.lastSettings, null);
      assert.ok(client.configurationRequests.length >= 2);
    });

    it('answers client/registerCapability and window/workDoneProgress/create', async () => {
      assert.strictEqual(await client.request('test/progress', {}), 'ok');
      assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
    });

    it('round-trips workspace/applyEdit (default handler and custom handler)', async () => {
      const edit = {
        label: 'fix it',
        edit: { changes: { [uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'FINE' }] } },
      };
      const r1 = await client.request<ApplyWorkspaceEditResult>('test/applyEdit', edit);
      assert.deepStrictEqual(r1, { applied: true });
      assert.strictEqual(client.appliedEdits.length, 1);
      assert.deepStrictEqual(client.appliedEdits[0], edit);

      client.onApplyEdit((params) => ({ applied: false, failureReason: `refused ${params.label}` }));
      const r2 = await client.request<ApplyWorkspaceEditResult>('test/applyEdit', edit);
      assert.deepStrictEqual(r2, { applied: false, failureReason: 'refused fix it' });
      assert.strictEqual(client.appliedEdits.length, 2);
    });

    // The short timeout is the hanging request's own: a client-wide one also bounded the server's start, which a busy
    // machine (CI) can take longer than 300 ms to reach.
    it('times out requests with an error naming the method', async () => {
      await assert.rejects(client.request('test/hang', {}, 300), /request 'test\/hang' timed out after 300 ms/);
      assert.ok(client.isAlive());
      assert.ok(await client.request('test/state', {}), 'the client still answers after a request timed out');
    });

    it('rejects unknown requests instead of hanging', async () => {
      await assert.rejects(client.request('test/noSuchMethod', {}), /test\/noSuchMethod/);
    });
  });

  describe('push diagnostics', () => {
    let client: LspTestClient;
    const uri = fileUri(path.join(repoRoot(), 'samples', 'push.treaty'));

    before(async () => {
      client = await LspTestClient.start({ serverPath: ECHO_SERVER, pullDiagnostics: false });
    });
    after(async () => {
      await client?.shutdown();
    });

    it('waits for publishDiagnostics after open and change', async () => {
      assert.strictEqual(client.published(uri), undefined);
      await client.open(uri, 'BAD\nBAD\nok\n');
      assert.deepStrictEqual(lines(await client.diagnostics(uri)), [0, 1]);
      assert.deepStrictEqual(lines(client.published(uri)!), [0, 1]);
      // already arrived for the current version: returns immediately
      assert.deepStrictEqual(lines(await client.diagnostics(uri, 50)), [0, 1]);

      await client.change(uri, 2, [{ text: 'ok\nok\nBAD\n' }]); // full-content change
      assert.deepStrictEqual(lines(await client.diagnostics(uri)), [2]);

      await client.close(uri);
      assert.deepStrictEqual(await client.diagnostics(uri), []);
    });

    it('rejects with a clear error when nothing is published', async () => {
      const other = fileUri(path.join(repoRoot(), 'samples', 'never-opened.treaty'));
      await assert.rejects(
        client.diagnostics(other, 200),
        /timed out after 200 ms waiting for textDocument\/publishDiagnostics for file:.*never-opened\.treaty/,
      );
    });
  });

  describe('shutdown and crashes', () => {
    it('shuts the server down cleanly and is idempotent', async () => {
      const client = await LspTestClient.start({ serverPath: ECHO_SERVER });
      assert.ok(client.isAlive());
      await client.shutdown();
      assert.strictEqual(client.isAlive(), false);
      await client.shutdown();
      await assert.rejects(client.request('test/state', null), /cannot send request 'test\/state'/);
      await assert.rejects(client.notify('test/whatever', {}), /cannot send notification/);
    });

    it('fails pending work with a clear error when the server dies', async () => {
      const client = await LspTestClient.start({ serverPath: ECHO_SERVER, pullDiagnostics: false });
      try {
        const hanging = client.request('test/hang', {});
        const waiting = client.diagnostics(fileUri('/nowhere.treaty'), 5_000);
        await client.notify('test/crash', {});
        await assert.rejects(hanging, /test\/hang.*(exited with code 3|connection to server closed)/s);
        await assert.rejects(waiting, /(exited with code 3|connection to server closed)/);
        // exit may be observed just after the stream closes
        for (let i = 0; i < 50 && client.isAlive(); i++) await new Promise((r) => setTimeout(r, 20));
        assert.strictEqual(client.isAlive(), false);
        assert.match(client.stderr, /crashing on purpose/);
      } finally {
        await client.shutdown();
      }
    });
  });
});
