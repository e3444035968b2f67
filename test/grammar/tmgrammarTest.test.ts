import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseGrammarTestCase } from 'vscode-tmgrammar-test/dist/unit/parsing';
import { repoRoot } from '../support/repoRoot';

// Runs vscode-tmgrammar-test (its own CLI, as a user or CI would) on test/grammar/scopes/*.treaty.test:
// source lines of a draft, each followed by `# ^^^ scope - prohibited.scope` assertions (`# <--` for column 0).
// Drafts have no comment syntax, so each file's header declares `#` as the comment token; a line starting
// with `#` that is not an assertion is tokenized as draft text like any other line.

const GRAMMAR_FILE = path.join('syntaxes', 'treaty.tmLanguage.json');
const SCOPES_DIR = path.join('test', 'grammar', 'scopes');
const PATTERN = 'test/grammar/scopes/*.treaty.test';

/**
 * Scope assertions per file. An empty or half-parsed run cannot pass: update these counts when adding
 * assertions (the test prints the counts it found).
 */
const EXPECTED: Record<string, number> = {
  'alternatives.treaty.test': 68,
  'brackets.treaty.test': 84,
  'headings.treaty.test': 104,
  'paragraphs.treaty.test': 75,
  'references.treaty.test': 78,
};

/** Walks up to the repo root, so the test runs from out/ or from a scratch output directory. */
const root = repoRoot();
const cli = path.join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

interface Run {
  status: number | null;
  output: string;
  ms: number;
}

/** The tool's CLI on `pattern` (a glob it expands itself), colours off. */
function runTool(pattern: string): Run {
  const started = Date.now();
  const result = spawnSync(process.execPath, [cli, '--compact', '-g', GRAMMAR_FILE, pattern], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 60000,
  });
  if (result.error) throw result.error;
  // eslint-disable-next-line no-control-regex
  const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: result.status, output, ms: Date.now() - started };
}

const ASSERTION_LINE = /^#\s*(?:\^|<~*-+)/;

describe('grammar: vscode-tmgrammar-test', function () {
  this.timeout(60000);

  const files = fs.readdirSync(path.join(root, SCOPES_DIR)).filter((f) => f.endsWith('.treaty.test')).sort();

  it('the scope test files are the expected ones', () => {
    assert.deepStrictEqual(files, Object.keys(EXPECTED).sort());
  });

  it('every assertion line parses as an assertion, with the counts expected', () => {
    const found: Record<string, number> = {};
    for (const name of files) {
      const text = fs.readFileSync(path.join(root, SCOPES_DIR, name), 'utf8');
      const lines = text.split(/\r\n|\n/);
      assert.match(lines[0], /^# SYNTAX TEST "text\.treaty" "[^"]+"$/, `${name}: header`);
      const testCase = parseGrammarTestCase(text);
      assert.strictEqual(testCase.metadata.commentToken, '#', `${name}: comment token`);
      assert.strictEqual(testCase.metadata.scope, 'text.treaty', `${name}: scope`);
      const parsed = testCase.assertions.reduce((n, line) => n + line.scopeAssertions.length, 0);
      // Counted independently of the tool: one per run of carets, one per `<--`.
      let counted = 0;
      lines.slice(1).forEach((line, i) => {
        const where = `${name}:${i + 2}: ${line}`;
        if (ASSERTION_LINE.test(line)) {
          counted += line.startsWith('# <') ? 1 : (line.match(/\^+/g) ?? []).length;
        } else {
          // An assertion that lost its `#` (or a comment that looks like one) would be silently tokenized as draft text.
          assert.ok(!/^\s*(?:\^|<-)/.test(line), `assertion without the comment token at ${where}`);
          assert.ok(!line.startsWith('#') || /^# [^\s^<]/.test(line), `malformed comment or assertion at ${where}`);
        }
      });
      assert.strictEqual(parsed, counted, `${name}: the tool parsed ${parsed} assertions, the file has ${counted}`);
      found[name] = parsed;
    }
    const total = Object.values(found).reduce((a, b) => a + b, 0);
    console.log(`      ${files.length} files, ${total} scope assertions: ${JSON.stringify(found)}`);
    assert.deepStrictEqual(found, EXPECTED);
  });

  it('the tool passes every file', () => {
    const run = runTool(PATTERN);
    const total = Object.values(EXPECTED).reduce((a, b) => a + b, 0);
    console.log(run.output.trimEnd().replace(/^/gm, '      '));
    console.log(`      vscode-tmgrammar-test: ${files.length} files, ${total} scope assertions, exit ${run.status}, ${run.ms} ms`);
    assert.strictEqual(run.status, 0, run.output);
    assert.ok(!/ERROR/.test(run.output), run.output);
    const passed = [...run.output.matchAll(/^✓ (\S+) run successfuly\.$/gm)].map((m) => path.basename(m[1])).sort();
    assert.deepStrictEqual(passed, files);
  });

  it('the tool fails a wrong or prohibited scope (so a passing run means something)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmgrammar-'));
    const file = path.join(dir, 'canary.treaty.test');
    const source = '39. The Parties [shall/should] act.';
    fs.writeFileSync(
      file,
      [
        '# SYNTAX TEST "text.treaty" "canary: both assertions must fail"',
        source,
        '# <-- constant.numeric.subparagraph.treaty',
        `#${' '.repeat(source.indexOf('/') - 1)}^ - keyword.operator.option.treaty`,
        '',
      ].join('\n'),
    );
    try {
      const run = runTool(file.split(path.sep).join('/'));
      assert.notStrictEqual(run.status, 0, run.output);
      assert.match(run.output, /Missing required scopes: \[ constant\.numeric\.subparagraph\.treaty \]/);
      assert.match(run.output, /Prohibited scopes: \[ keyword\.operator\.option\.treaty \]/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
