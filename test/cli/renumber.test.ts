import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, writeFileAtomic } from '../../server/src/cli';

function run(argv: string[], files: Record<string, string>, writes: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return Buffer.from(files[p], 'utf8');
    },
    writeFileAtomic: (p, content) => {
      writes[p] = content;
    },
  });
  return { code, out: out.join('\n'), err: err.join('\n'), writes };
}

const DRAFT = '1. A, see paragraph 3.\n3. B.\n3 bis. C.\n';

describe('treaty-draft renumber', () => {
  it('prints the concordance and writes nothing without --write', () => {
    const r = run(['renumber', 'd.treaty'], { 'd.treaty': DRAFT });
    assert.equal(r.code, 0);
    assert.deepEqual(r.out.split('\n'), [
      'd.treaty: 2 of 3 paragraphs change number (not written; use --write)',
      '         1 → 1         ',
      '         3 → 2          *',
      '     3 bis → 2 bis      *',
    ]);
    assert.deepEqual(r.writes, {});
  });

  it('--write replaces the file with the renumbered text; --json reports it', () => {
    const r = run(['renumber', '--write', '--json', 'd.treaty'], { 'd.treaty': DRAFT });
    assert.equal(r.code, 0);
    assert.equal(r.writes['d.treaty'], '1. A, see paragraph 2.\n2. B.\n2 bis. C.\n');
    const json = JSON.parse(r.out);
    assert.equal(json.written, true);
    assert.deepEqual(json.concordance.map((c: { old: string; new: string }) => `${c.old}>${c.new}`), ['1>1', '3>2', '3 bis>2 bis']);
  });

  it('--bis number and --article', () => {
    const r = run(['renumber', '--write', '--bis', 'number', 'd.treaty'], { 'd.treaty': DRAFT });
    assert.equal(r.writes['d.treaty'], '1. A, see paragraph 2.\n2. B.\n3. C.\n');
    const a = run(['renumber', '--article', '9', 'd.treaty'], { 'd.treaty': DRAFT });
    assert.equal(a.code, 1);
    assert.match(a.err, /no Article 9/);
  });

  it('an already ordered draft is not written', () => {
    const r = run(['renumber', '--write', 'd.treaty'], { 'd.treaty': '1. A.\n2. B.\n' });
    assert.equal(r.code, 0);
    assert.deepEqual(r.writes, {});
  });

  it('a bad --bis value is a usage error', () => {
    assert.equal(run(['renumber', '--bis', 'sometimes', 'd.treaty'], { 'd.treaty': DRAFT }).code, 2);
  });

  it('writeFileAtomic replaces the file whole and leaves no temporary file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-'));
    const file = path.join(dir, 'd.treaty');
    fs.writeFileSync(file, 'old');
    writeFileAtomic(file, 'new text');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new text');
    assert.deepEqual(fs.readdirSync(dir), ['d.treaty']);
  });

  it('when the write fails, the file is unchanged and no temporary file is left', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-'));
    const file = path.join(dir, 'd.treaty');
    fs.mkdirSync(file); // a directory cannot be replaced by a file: the rename fails
    assert.throws(() => writeFileAtomic(file, 'new text'));
    assert.deepEqual(fs.readdirSync(dir), ['d.treaty']);
    assert.ok(fs.statSync(file).isDirectory());
  });
});
