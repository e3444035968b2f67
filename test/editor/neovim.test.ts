// A second editor: headless Neovim with the README's Neovim configuration (scripts/editor/nvim-lsp-diags.sh takes the
// snippet from README.md itself) against `node server/out/server.js --stdio`. Needs Debian's neovim
// (scripts/editor/install-editor-host.sh) and a built server (npm run build).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string | null;
  code: string | null;
}

interface NvimResult {
  file: string;
  filetype: string;
  nvim: string;
  clients: string[];
  timed_out: boolean;
  diagnostics: NvimDiagnostic[];
  hover?: { contents: { kind: string; value: string } | string } | null;
  error?: string;
}

const ROOT = repoRoot();
const SCRIPT = path.join(ROOT, 'scripts', 'editor', 'nvim-lsp-diags.sh');
const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'treaty-drafter') return dir;
  }
  throw new Error(`no treaty-drafter package.json above ${__dirname}`);
}

function runNeovim(file: string, env: Record<string, string> = {}): NvimResult {
  const started = Date.now();
  const run = spawnSync('bash', [SCRIPT, file], { encoding: 'utf8', timeout: 90_000, killSignal: 'SIGKILL', env: { ...process.env, LSP_TIMEOUT_S: '60', ...env } });
  const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `no JSON from Neovim (exit ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`);
  const result = JSON.parse(line) as NvimResult;
  assert.equal(result.error, undefined, `the probe failed in Neovim: ${result.error}\n${run.stderr}`);
  assert.equal(result.timed_out, false, `no diagnostics arrived in Neovim within the wait:\n${run.stderr}`);
  assert.equal(run.status, 0, run.stderr);
  console.log(`      Neovim ${result.nvim}: ${result.diagnostics.length} diagnostics in ${Date.now() - started} ms`);
  return result;
}

function hoverText(result: NvimResult): string {
  const contents = result.hover?.contents;
  return typeof contents === 'string' ? contents : (contents?.value ?? '');
}

describe('Neovim with the README configuration', function () {
  let tmp: string;

  before(function () {
    const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (nvim.error || nvim.status !== 0) throw new Error('nvim is not installed: run bash scripts/editor/install-editor-host.sh');
    if (!fs.existsSync(path.join(ROOT, 'server', 'out', 'server.js'))) throw new Error('server/out/server.js is missing: run npm run build');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-nvim-'));
  });

  after(function () {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the README holds the Neovim configuration the probe runs', function () {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const snippet = /\*\*Neovim[^*]*\*\*[^\n]*\n+```lua\n([\s\S]*?)\n```/.exec(readme)?.[1];
    assert.ok(snippet, 'README.md has no ```lua block under its **Neovim …** heading');
    assert.match(snippet, /vim\.filetype\.add\(\{ extension = \{ treaty = 'treaty' \} \}\)/);
    assert.match(snippet, /cmd = \{ 'node', '\/path\/to\/treaty-drafter\/server\/out\/server\.js', '--stdio' \}/);
    assert.match(snippet, /settings = \{ treaty = \{ diagnostics = \{ placeholder = 'hint' \} \} \}/);
  });

  it('publishes the diagnostics of outcome-document.treaty, on the lines and with the codes the sample expects', function () {
    const sample = path.join(ROOT, 'samples', 'outcome-document.treaty');
    const expected = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'outcome-document.expected.json'), 'utf8')) as {
      diagnostics: Array<{ line: number; code: string }>;
    };
    const result = runNeovim(sample);
    assert.equal(result.filetype, 'treaty', 'vim.filetype.add did not give *.treaty its filetype');
    assert.deepEqual(result.clients, ['treaty']);
    assert.ok(result.diagnostics.every((d) => d.source === 'treaty'), 'every diagnostic comes from the treaty server');

    const key = (line: number, code: string | null) => `${line}:${code}`;
    const got = result.diagnostics.map((d) => key(d.lnum + 1, d.code)).sort();
    const want = expected.diagnostics.map((d) => key(d.line, d.code)).sort();
    assert.deepEqual(got, want);

    const at = (line: number, code: string) => result.diagnostics.find((d) => d.lnum + 1 === line && d.code === code);
    // The unclosed bracket of paragraph 15 ("to [scale up", line 62), an error.
    const unclosed = at(62, 'unclosed-bracket');
    assert.ok(unclosed);
    assert.equal(unclosed.severity, SEVERITY.error);
    assert.equal(unclosed.col, 67);
    assert.match(unclosed.message, /never closed/);
    assert.equal(at(131, 'unmatched-bracket')?.severity, SEVERITY.error);
    assert.equal(at(36, 'unresolved-bracket')?.severity, SEVERITY.warning);
    // The README's configuration sets placeholder to hint (default: information): settings reach the server.
    const placeholders = result.diagnostics.filter((d) => d.code === 'placeholder');
    assert.equal(placeholders.length, 2);
    assert.ok(placeholders.every((d) => d.severity === SEVERITY.hint), `placeholder severities: ${placeholders.map((d) => d.severity)}`);
  });

  it('hovers a reference: "paragraph 45 (b)" shows the target sub-paragraph', function () {
    const sample = path.join(ROOT, 'samples', 'outcome-document.treaty');
    const line = fs.readFileSync(sample, 'utf8').split('\n')[177];
    const column = line.indexOf('paragraph 45 (b)');
    assert.ok(column >= 0, 'line 178 of the sample no longer refers to paragraph 45 (b)');
    const result = runNeovim(sample, { LSP_HOVER: `177:${column + 'paragraph '.length}` });
    const text = hoverText(result);
    assert.match(text, /Paragraph 45 \(b\)/);
    assert.match(text, /protect the public core of the Internet/);
  });

  it('reports the README tour draft as the README says treaty-draft lint does', function () {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const tour = /## A short tour of the notation[\s\S]*?```text\n([\s\S]*?)\n```/.exec(readme)?.[1];
    const lint = /What the server reports on it[^\n]*\n+```text\n([\s\S]*?)\n```/.exec(readme)?.[1];
    assert.ok(tour && lint, 'README.md lost its tour draft or its lint output');
    const file = path.join(tmp, 'draft.treaty');
    fs.writeFileSync(file, tour + '\n');
    const want = lint
      .split('\n')
      .map((l) => /^draft\.treaty:(\d+):(\d+): (\w+) ([\w-]+) /.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]}:${m[2]} ${m[3]} ${m[4]}`);
    assert.ok(want.length >= 5);
    const names = ['', 'error', 'warning', 'information', 'hint'];
    const got = runNeovim(file).diagnostics.map((d) => `${d.lnum + 1}:${d.col + 1} ${names[d.severity]} ${d.code}`);
    assert.deepEqual(got, want);
  });
});
