/*
 * Tests of the command line: `runCli` in-process (output captured, files injected) and a few runs of the BUILT
 * `server/out/cli.js` (made by `npm run build`) for real exit codes.
 *
 *   treaty-draft lint FILE... [--json] [--settings F]   FILE:LINE:COL: severity code message (1-based)
 *   treaty-draft status FILE [--json]
 *   exit: 1 on an error-severity diagnostic, 0 otherwise, 2 on unreadable input or a usage error.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../server/src/cli';

function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'treaty-drafter') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json named treaty-drafter above ${__dirname}`);
  }
}

const ROOT = findRepoRoot();
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');

// ------------------------------------------------------------------------------------------------ in-process runner

interface Run {
  code: number;
  out: string;
  err: string;
  /** each `out` call split into lines */
  lines: string[];
}

/** Runs the CLI over a virtual file system: `files` maps a path to its content; a missing path is ENOENT. */
function run(argv: string[], files: Record<string, string | Buffer> = {}, dirs: string[] = []): Run {
  const out: string[] = [];
  const err: string[] = [];
  const readFile = (p: string): Buffer => {
    if (dirs.includes(p)) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
    const content = files[p];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
    return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  };
  const code = runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s), readFile });
  const o = out.join('\n');
  return { code, out: o, err: err.join('\n'), lines: o === '' ? [] : o.split('\n') };
}

function sample(name: string): string {
  return fs.readFileSync(path.join(ROOT, 'samples', name), 'utf8');
}

const LINE_FORMAT = /^(.+):(\d+):(\d+): (error|warning|information|hint) ([a-z]+(?:-[a-z]+)*) (.+)$/;

interface Parsed {
  file: string;
  line: number;
  col: number;
  severity: string;
  code: string;
  message: string;
}

function parse(line: string): Parsed {
  const m = LINE_FORMAT.exec(line);
  assert.ok(m, `not FILE:LINE:COL: severity code message: ${JSON.stringify(line)}`);
  return { file: m[1], line: Number(m[2]), col: Number(m[3]), severity: m[4], code: m[5], message: m[6] };
}

// Small drafts whose diagnostics are obvious from NOTATION §2 and §6. Columns below are 1-based.
const DRAFTS = {
  /** `[` never closed on line 3 (error) and an open bracket on line 1 (warning). */
  unclosed: ['1. The Parties [shall] act.', '', '2. The Parties [will act promptly.', ''].join('\n'),
  /** Only warnings and information: an open bracket and a placeholder. */
  warnings: ['1. The Parties [shall] act within [X] days.', ''].join('\n'),
  /** Nothing to report. */
  clean: ['1. The Parties shall act. (Agreed)', '', '2. The Parties shall cooperate. (Agreed)', ''].join('\n'),
  /** A stray `]` (error). */
  unmatched: ['1. The Parties shall act] now.', ''].join('\n'),
  /** Agreed with a custom marker while holding a bracket (two lines, so that it cannot be a heading). */
  adopted: ['1. The Parties [shall] cooperate', 'in good faith. (Adopted)', ''].join('\n'),
};

// ------------------------------------------------------------------------------------------------ lint

describe('treaty-draft (runCli in-process)', () => {
  describe('lint output', () => {
    it('prints FILE:LINE:COL: severity code message with 1-based positions', () => {
      const r = run(['lint', 'a.treaty'], { 'a.treaty': DRAFTS.unclosed });
      assert.strictEqual(r.err, '');
      const parsed = r.lines.map(parse);
      assert.deepStrictEqual(
        parsed.map((p) => [p.file, p.line, p.col, p.severity, p.code]),
        [
          ['a.treaty', 1, 16, 'warning', 'unresolved-bracket'],
          ['a.treaty', 3, 16, 'error', 'unclosed-bracket'],
        ],
      );
      for (const p of parsed) assert.ok(p.message.trim().length > 5, `a real message: ${JSON.stringify(p.message)}`);
    });

    interface ExitCase {
      name: string;
      files: Record<string, string>;
      expect: number;
      codes: string[];
    }

    const EXITS: ExitCase[] = [
      { name: 'an error (unclosed-bracket)', files: { 'a.treaty': DRAFTS.unclosed }, expect: 1, codes: ['unclosed-bracket', 'unresolved-bracket'] },
      { name: 'an error (unmatched-bracket)', files: { 'a.treaty': DRAFTS.unmatched }, expect: 1, codes: ['unmatched-bracket'] },
      { name: 'only a warning and an information', files: { 'a.treaty': DRAFTS.warnings }, expect: 0, codes: ['placeholder', 'unresolved-bracket'] },
      { name: 'nothing to report', files: { 'a.treaty': DRAFTS.clean }, expect: 0, codes: [] },
      { name: 'an empty file', files: { 'a.treaty': '' }, expect: 0, codes: [] },
      { name: 'an error in the second of two files', files: { 'a.treaty': DRAFTS.clean, 'b.treaty': DRAFTS.unmatched }, expect: 1, codes: ['unmatched-bracket'] },
      { name: 'warnings in two files', files: { 'a.treaty': DRAFTS.warnings, 'b.treaty': DRAFTS.warnings }, expect: 0, codes: ['placeholder', 'placeholder', 'unresolved-bracket', 'unresolved-bracket'] },
      { name: 'the outcome-document sample', files: { 'outcome-document.treaty': sample('outcome-document.treaty') }, expect: 1, codes: [] },
      { name: 'the framework-convention sample (duplicate-number)', files: { 'framework-convention.treaty': sample('framework-convention.treaty') }, expect: 1, codes: [] },
      { name: 'the chair-statement sample (warnings only)', files: { 'chair-statement.treaty': sample('chair-statement.treaty') }, expect: 0, codes: [] },
    ];

    for (const c of EXITS) {
      it(`exits ${c.expect} on ${c.name}`, () => {
        const r = run(['lint', ...Object.keys(c.files)], c.files);
        assert.strictEqual(r.code, c.expect, r.out);
        assert.strictEqual(r.err, '');
        const parsed = r.lines.map(parse);
        if (c.codes.length > 0 || Object.values(c.files).every((t) => t.length < 200)) {
          assert.deepStrictEqual(parsed.map((p) => p.code).sort(), c.codes);
        }
        assert.strictEqual(parsed.some((p) => p.severity === 'error'), c.expect === 1, 'exit 1 exactly when an error is printed');
        for (const p of parsed) assert.ok(Object.keys(c.files).includes(p.file), p.file);
      });
    }

    it('reports the deliberate problems of the outcome-document sample at the README positions', () => {
      const r = run(['lint', 'outcome-document.treaty'], { 'outcome-document.treaty': sample('outcome-document.treaty') });
      const parsed = r.lines.map(parse);
      // README (1-based): code, line, col
      const EXPECTED: Array<[string, number, number]> = [
        ['unclosed-bracket', 62, 68],
        ['unmatched-bracket', 131, 179],
        ['empty-bracket', 195, 144],
        ['misplaced-marker', 73, 158],
        ['encoding-damage', 45, 35],
        ['encoding-damage', 46, 56],
        ['duplicate-sentence', 127, 78],
      ];
      for (const [code, line, col] of EXPECTED) {
        assert.ok(
          parsed.some((p) => p.code === code && p.line === line && p.col === col),
          `${code} at ${line}:${col}; got ${parsed.filter((p) => p.code === code).map((p) => `${p.line}:${p.col}`).join(', ')}`,
        );
      }
      for (const [code, line] of [['numbering-gap', 201], ['sublabel-gap', 102], ['orphan-alternative', 205], ['alternative-numbering', 149], ['agreed-with-brackets', 24], ['dangling-reference', 227]] as const) {
        assert.ok(parsed.some((p) => p.code === code && p.line === line), `${code} on line ${line}`);
      }
      const severities = Object.fromEntries(parsed.map((p) => [p.code, p.severity]));
      assert.strictEqual(severities['unclosed-bracket'], 'error');
      assert.strictEqual(severities['unresolved-bracket'], 'warning');
      assert.strictEqual(severities['placeholder'], 'information');
    });

    it('counts columns in characters, not bytes, and ignores a BOM', () => {
      const text = '1. Les Parties conviennent – déjà – de [agir.\n';
      const plain = run(['lint', 'a.treaty'], { 'a.treaty': text });
      const bom = run(['lint', 'a.treaty'], { 'a.treaty': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) });
      const col = text.indexOf('[') + 1;
      assert.deepStrictEqual(plain.lines.map(parse).map((p) => [p.code, p.line, p.col]), [['unclosed-bracket', 1, col]]);
      assert.deepStrictEqual(bom.lines, plain.lines);
    });

    it('gives a CRLF file the same lines and columns as its LF original', () => {
      const lf = sample('outcome-document.treaty');
      const a = run(['lint', 'x.treaty'], { 'x.treaty': lf });
      const b = run(['lint', 'x.treaty'], { 'x.treaty': lf.replace(/\n/g, '\r\n') });
      assert.deepStrictEqual(b.lines, a.lines);
      assert.strictEqual(b.code, a.code);
    });
  });

  describe('unreadable input', () => {
    const CASES: Array<{ name: string; argv: string[]; files?: Record<string, string>; dirs?: string[]; errMatch: RegExp; outFiles: string[] }> = [
      { name: 'a missing file', argv: ['lint', 'missing.treaty'], errMatch: /missing\.treaty/, outFiles: [] },
      { name: 'a directory', argv: ['lint', 'samples'], dirs: ['samples'], errMatch: /samples/, outFiles: [] },
      {
        name: 'a missing file among readable ones (the others are still linted)',
        argv: ['lint', 'a.treaty', 'missing.treaty', 'b.treaty'],
        files: { 'a.treaty': DRAFTS.warnings, 'b.treaty': DRAFTS.warnings },
        errMatch: /missing\.treaty/,
        outFiles: ['a.treaty', 'b.treaty'],
      },
      {
        name: 'a missing file next to one with an error (2 wins over 1)',
        argv: ['lint', 'a.treaty', 'missing.treaty'],
        files: { 'a.treaty': DRAFTS.unclosed },
        errMatch: /missing\.treaty/,
        outFiles: ['a.treaty'],
      },
      { name: 'status of a missing file', argv: ['status', 'missing.treaty'], errMatch: /missing\.treaty/, outFiles: [] },
      {
        name: 'status --json of a directory',
        argv: ['status', 'samples', '--json'],
        dirs: ['samples'],
        errMatch: /samples/,
        outFiles: [],
      },
    ];

    for (const c of CASES) {
      it(`exits 2 on ${c.name}`, () => {
        const r = run(c.argv, c.files ?? {}, c.dirs ?? []);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, c.errMatch);
        if (c.argv[0] === 'lint') assert.deepStrictEqual([...new Set(r.lines.map(parse).map((p) => p.file))], c.outFiles);
        else assert.strictEqual(r.out, '');
      });
    }
  });

  describe('lint --json', () => {
    it('prints [{ file, diagnostics }] with LSP diagnostics, one entry per file in order', () => {
      const r = run(['lint', '--json', 'a.treaty', 'b.treaty'], { 'a.treaty': DRAFTS.unclosed, 'b.treaty': DRAFTS.clean });
      assert.strictEqual(r.code, 1);
      const report = JSON.parse(r.out) as Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
      assert.ok(Array.isArray(report));
      assert.deepStrictEqual(report.map((e) => Object.keys(e).sort()), [['diagnostics', 'file'], ['diagnostics', 'file']]);
      assert.deepStrictEqual(report.map((e) => e.file), ['a.treaty', 'b.treaty']);
      assert.deepStrictEqual(report[1].diagnostics, []);
      const unclosed = report[0].diagnostics.find((d) => d.code === 'unclosed-bracket');
      assert.ok(unclosed, JSON.stringify(report[0].diagnostics));
      // LSP: 0-based positions, numeric severity, source 'treaty'
      assert.deepStrictEqual(unclosed.range, { start: { line: 2, character: 15 }, end: { line: 2, character: 16 } });
      assert.strictEqual(unclosed.severity, 1);
      assert.strictEqual(unclosed.source, 'treaty');
      assert.strictEqual(typeof unclosed.message, 'string');
      for (const d of report[0].diagnostics) {
        assert.strictEqual(d.source, 'treaty');
        assert.ok([1, 2, 3, 4].includes(d.severity as number), JSON.stringify(d));
      }
      const unresolved = report[0].diagnostics.find((d) => d.code === 'unresolved-bracket');
      assert.strictEqual(unresolved?.severity, 2);
    });

    it('agrees with the text output, position for position', () => {
      const files = { 'outcome-document.treaty': sample('outcome-document.treaty') };
      const text = run(['lint', 'outcome-document.treaty'], files);
      const json = run(['lint', 'outcome-document.treaty', '--json'], files);
      assert.strictEqual(json.code, text.code);
      const report = JSON.parse(json.out) as Array<{ diagnostics: Array<{ code: string; range: { start: { line: number; character: number } } }> }>;
      const fromJson = report[0].diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
      const fromText = text.lines.map(parse).map((p) => `${p.code}@${p.line}:${p.col}`);
      assert.deepStrictEqual(fromJson, fromText);
    });

    it('still prints valid JSON (with the readable files) and exits 2 when a file is missing', () => {
      const r = run(['lint', 'a.treaty', 'missing.treaty', '--json'], { 'a.treaty': DRAFTS.warnings });
      assert.strictEqual(r.code, 2);
      const report = JSON.parse(r.out) as Array<{ file: string }>;
      assert.deepStrictEqual(report.map((e) => e.file), ['a.treaty']);
      assert.match(r.err, /missing\.treaty/);
    });
  });

  // ------------------------------------------------------------------------------------------------ status

  describe('status', () => {
    const STATUS_TEXT = /^paragraphs: (\d+) agreed, (\d+) open, (\d+) pending\nbracket pairs: (\d+)\nunresolved brackets: (\d+)\nalternative groups: (\d+)\noption groups: (\d+)$/;

    const CASES: Array<{ name: string; text: string; expect: { paragraphs: { agreed: number; open: number; pending: number }; bracketPairs: number; unresolvedBrackets: number; alternativeGroups: number; optionGroups: number } }> = [
      {
        name: 'a small draft',
        text: [
          '1. The Parties shall act. (Agreed)',
          '',
          '2. The Parties [shall][should] [act [promptly]].',
          '',
          '3. The Parties shall report:',
          'Option 1: every year;',
          'Option 2: every two years.',
          '',
          '4. The Parties shall cooperate.',
          '',
          '[Alt 1 4. The Parties may cooperate.]',
          '',
        ].join('\n'),
        // pairs: [shall] [should] [act [promptly]] [promptly] + the bracketed Alt = 5; outer runs: [shall][should], [act …], [Alt …] = 3
        // paragraphs: 1 agreed; 2 (brackets), 3 (options), 4 (alternative) open
        expect: { paragraphs: { agreed: 1, open: 3, pending: 0 }, bracketPairs: 5, unresolvedBrackets: 3, alternativeGroups: 1, optionGroups: 1 },
      },
      {
        name: 'the chair-statement sample',
        text: sample('chair-statement.treaty'),
        expect: { paragraphs: { agreed: 1, open: 4, pending: 4 }, bracketPairs: 7, unresolvedBrackets: 5, alternativeGroups: 0, optionGroups: 0 },
      },
    ];

    for (const c of CASES) {
      it(`prints the counts of ${c.name} as text and as JSON`, () => {
        const files = { 'd.treaty': c.text };
        const text = run(['status', 'd.treaty'], files);
        assert.strictEqual(text.code, 0, text.err);
        const m = STATUS_TEXT.exec(text.out);
        assert.ok(m, `status text:\n${text.out}`);
        const e = c.expect;
        assert.deepStrictEqual(m.slice(1).map(Number), [e.paragraphs.agreed, e.paragraphs.open, e.paragraphs.pending, e.bracketPairs, e.unresolvedBrackets, e.alternativeGroups, e.optionGroups]);

        const json = run(['status', 'd.treaty', '--json'], files);
        assert.strictEqual(json.code, 0, json.err);
        assert.deepStrictEqual(JSON.parse(json.out), e);
      });
    }

    it('status does not fail on a draft with errors (it is a report, not a lint)', () => {
      const r = run(['status', 'd.treaty'], { 'd.treaty': DRAFTS.unclosed });
      assert.strictEqual(r.code, 0);
      assert.match(r.out, /^paragraphs: 0 agreed, 2 open, 0 pending$/m);
    });
  });

  // ------------------------------------------------------------------------------------------------ settings

  describe('--settings', () => {
    interface SettingsCase {
      name: string;
      settings: unknown;
      draft: string;
      expect: number;
      /** codes and severities printed */
      printed: Array<[string, string]>;
    }

    const CASES: SettingsCase[] = [
      { name: 'no settings: the unclosed bracket is an error', settings: undefined, draft: DRAFTS.unclosed, expect: 1, printed: [['unclosed-bracket', 'error'], ['unresolved-bracket', 'warning']] },
      {
        name: 'VS Code flat settings turn the error off (exit 0)',
        settings: { 'treaty.diagnostics.unclosed-bracket': 'off', 'editor.fontSize': 14 },
        draft: DRAFTS.unclosed,
        expect: 0,
        printed: [['unresolved-bracket', 'warning']],
      },
      {
        name: 'nested { treaty: { diagnostics } } settings turn the error into a warning',
        settings: { treaty: { diagnostics: { 'unclosed-bracket': 'warning' } } },
        draft: DRAFTS.unclosed,
        expect: 0,
        printed: [['unclosed-bracket', 'warning'], ['unresolved-bracket', 'warning']],
      },
      {
        name: 'flat settings raise a warning to an error (exit 1)',
        settings: { 'treaty.diagnostics.unresolved-bracket': 'error', 'treaty.diagnostics.placeholder': 'hint' },
        draft: DRAFTS.warnings,
        expect: 1,
        printed: [['placeholder', 'hint'], ['unresolved-bracket', 'error']],
      },
      {
        name: 'flat treaty.agreedMarkers replaces the default markers',
        settings: { 'treaty.agreedMarkers': ['(Adopted)'] },
        draft: DRAFTS.adopted,
        expect: 1,
        printed: [['agreed-with-brackets', 'error'], ['unresolved-bracket', 'warning']],
      },
      { name: 'with the default markers "(Adopted)" marks nothing', settings: {}, draft: DRAFTS.adopted, expect: 0, printed: [['unresolved-bracket', 'warning']] },
      {
        name: 'an unknown severity falls back to the default',
        settings: { 'treaty.diagnostics.unclosed-bracket': 'loud' },
        draft: DRAFTS.unclosed,
        expect: 1,
        printed: [['unclosed-bracket', 'error'], ['unresolved-bracket', 'warning']],
      },
    ];

    for (const c of CASES) {
      it(c.name, () => {
        const files: Record<string, string> = { 'd.treaty': c.draft };
        const argv = ['lint', 'd.treaty'];
        if (c.settings !== undefined) {
          files['settings.json'] = JSON.stringify(c.settings);
          argv.push('--settings', 'settings.json');
        }
        const r = run(argv, files);
        assert.strictEqual(r.code, c.expect, `${r.out}\n${r.err}`);
        assert.deepStrictEqual(r.lines.map(parse).map((p) => [p.code, p.severity]).sort(), c.printed);
      });
    }

    it('applies to status too (agreed markers)', () => {
      const files = { 'd.treaty': '1. The Parties shall act\nin good faith. (Adopted)\n', 's.json': JSON.stringify({ 'treaty.agreedMarkers': ['(Adopted)'] }) };
      assert.deepStrictEqual(JSON.parse(run(['status', 'd.treaty', '--json', '--settings', 's.json'], files).out).paragraphs, { agreed: 1, open: 0, pending: 0 });
      assert.deepStrictEqual(JSON.parse(run(['status', 'd.treaty', '--json'], files).out).paragraphs, { agreed: 0, open: 0, pending: 1 });
    });

    for (const [name, files] of [
      ['a missing settings file', { 'd.treaty': DRAFTS.clean }],
      ['a settings file that is not JSON', { 'd.treaty': DRAFTS.clean, 'settings.json': '{ "treaty.diagnostics.placeholder": ' }],
    ] as const) {
      it(`exits 2 on ${name}, naming it`, () => {
        const r = run(['lint', 'd.treaty', '--settings', 'settings.json'], { ...files });
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /settings\.json/);
        assert.strictEqual(r.out, '');
      });
    }
  });

  // ------------------------------------------------------------------------------------------------ usage

  describe('usage', () => {
    const USAGE_ERRORS: Array<[string, string[]]> = [
      ['no arguments', []],
      ['an unknown command', ['frobnicate', 'a.treaty']],
      ['lint without a file', ['lint']],
      ['lint with only --json', ['lint', '--json']],
      ['status without a file', ['status']],
      ['status with two files', ['status', 'a.treaty', 'b.treaty']],
      ['an unknown option', ['lint', '--frobnicate', 'a.treaty']],
      ['an unknown option after the file', ['lint', 'a.treaty', '--verbose']],
    ];

    for (const [name, argv] of USAGE_ERRORS) {
      it(`exits 2 with the usage on stderr for ${name}`, () => {
        const r = run(argv, { 'a.treaty': DRAFTS.unclosed, 'b.treaty': DRAFTS.clean });
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /Usage:[\s\S]*treaty-draft lint FILE/);
        assert.strictEqual(r.out, '', 'nothing on stdout');
      });
    }

    it('exits 2 when --settings has no value (a usage error, not "no settings")', () => {
      const r = run(['lint', 'a.treaty', '--settings'], { 'a.treaty': DRAFTS.clean });
      assert.strictEqual(r.code, 2, `exit code; out=${JSON.stringify(r.out)} err=${JSON.stringify(r.err)}`);
      assert.match(r.err, /settings/);
    });

    it('prints the usage on stdout and exits 0 for --help', () => {
      const r = run(['--help']);
      assert.strictEqual(r.code, 0);
      assert.match(r.out, /Usage:[\s\S]*treaty-draft status FILE/);
      assert.strictEqual(r.err, '');
    });
  });
});

// ------------------------------------------------------------------------------------------------ real process

describe('treaty-draft (node server/out/cli.js)', function () {
  this.timeout(30_000);
  let tmp: string;

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run 'npm run build' first`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-cli-'));
    fs.writeFileSync(path.join(tmp, 'unclosed.treaty'), DRAFTS.unclosed);
    fs.writeFileSync(path.join(tmp, 'settings.json'), JSON.stringify({ 'treaty.diagnostics.unclosed-bracket': 'off' }));
  });
  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  const CASES: Array<{ name: string; args: () => string[]; status: number; stdout?: RegExp; stderr?: RegExp }> = [
    {
      name: 'lint of a sample with errors',
      args: () => ['lint', 'samples/outcome-document.treaty'],
      status: 1,
      stdout: /^samples\/outcome-document\.treaty:62:68: error unclosed-bracket .+$/m,
    },
    {
      name: 'lint of a sample with only warnings',
      args: () => ['lint', 'samples/chair-statement.treaty'],
      status: 0,
      stdout: /^samples\/chair-statement\.treaty:4:66: information placeholder .+$/m,
    },
    { name: 'lint of a missing file', args: () => ['lint', 'samples/no-such-draft.treaty'], status: 2, stderr: /no-such-draft\.treaty/ },
    { name: 'lint of a directory', args: () => ['lint', 'samples'], status: 2, stderr: /samples/ },
    { name: 'lint with an error', args: () => ['lint', path.join(tmp, 'unclosed.treaty')], status: 1, stdout: /:3:16: error unclosed-bracket / },
    {
      name: '--settings with VS Code flat keys turning the error off',
      args: () => ['lint', path.join(tmp, 'unclosed.treaty'), '--settings', path.join(tmp, 'settings.json')],
      status: 0,
      stdout: /:1:16: warning unresolved-bracket /,
    },
    { name: 'a usage error', args: () => ['lint'], status: 2, stderr: /Usage:/ },
    { name: 'an unknown command', args: () => ['check', 'samples/chair-statement.treaty'], status: 2, stderr: /Usage:/ },
    {
      name: 'status --json',
      args: () => ['status', 'samples/chair-statement.treaty', '--json'],
      status: 0,
      stdout: /"agreed": 1,\s*"open": 4,\s*"pending": 4/,
    },
  ];

  for (const c of CASES) {
    it(`exits ${c.status} on ${c.name}`, () => {
      const r = cli(c.args());
      assert.strictEqual(r.status, c.status, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      if (c.stdout) assert.match(r.stdout, c.stdout);
      if (c.stderr) assert.match(r.stderr, c.stderr);
      if (c.status === 2) assert.strictEqual(r.stdout, '', 'nothing on stdout');
    });
  }

  it('prints the same lines as runCli in-process', () => {
    const file = 'samples/framework-convention.treaty';
    const real = cli(['lint', file]);
    const inProcess = run(['lint', file], { [file]: fs.readFileSync(path.join(ROOT, file)) });
    assert.strictEqual(real.status, inProcess.code);
    assert.deepStrictEqual(real.stdout.trimEnd().split('\n'), inProcess.lines);
  });
});
