import * as assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { analyseDraft } from '../../server/src/core/analyse';
import { documentSymbols } from '../../server/src/features/symbols';
import { dedent } from '../fixture';

function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}${s.detail ? ` — ${s.detail}` : ''}`, ...outline(s.children ?? [], depth + 1)]);
}

describe('document symbols (NOTATION §7)', () => {
  it('sections nest by number; paragraphs sit under their section; sub-paragraphs and alternatives under their paragraph', () => {
    const text = dedent(`
      Draft outcome
      1.
      Introduction
      1. We [agree].
      2. We agree. (Agreed)
      3.
      Implementation
      3a) Infrastructure and resources
      3. The Parties shall:
      a) act;
      (i) now;
      b) report.
      Alt 1 3. Other text.
      [Alt 1 4. One.]
      [Alt 2 4. Two.]
      5. Decide:
      Option 1: a fund;
      Option 2: a facility.
    `);
    assert.deepEqual(outline(documentSymbols(analyseDraft(text))), [
      '1. Introduction',
      '  1 — open · 1 bracket',
      '  2 — agreed',
      '3. Implementation',
      '  3a. Infrastructure and resources',
      '    3 — open · 1 alternative',
      '      (a)',
      '        (i)',
      '      (b)',
      '      Alt 1 — open',
      '    4 — open · 2 alternatives',
      '      Alt 1 — open · 1 bracket',
      '      Alt 2 — open · 1 bracket',
      '    5 — open · options',
      '      Option 1',
      '      Option 2',
    ]);
  });

  it('articles hold their paragraphs; an article body shows through the article', () => {
    const text = dedent(`
      Chapter I
      General provisions
      Article 1 – Objective
      The objective is [to protect] the ocean.
      Article 2 – Scope
      1. This Convention applies. (Agreed)
      2. It also applies.
    `);
    assert.deepEqual(outline(documentSymbols(analyseDraft(text))), [
      'Chapter I General provisions',
      '  Article 1 – Objective — open · 1 bracket',
      '  Article 2 – Scope — 1 agreed · 0 open · 1 pending',
      '    1 — agreed',
      '    2 — pending',
    ]);
  });

  it('sends no empty `children` or `detail`: leaves, items without a marker and an empty article carry neither key', () => {
    const text = dedent(`
      1.
      Introduction
      1. The Parties shall:
      a) act;
      b) report. (Agreed)

      2.
      Follow-up

      Article 1
      Article 2
      1. Text.
    `);
    const keys = (symbols: DocumentSymbol[], depth = 0): string[] =>
      symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}: ${Object.keys(s).join(' ')}`, ...keys(s.children ?? [], depth + 1)]);
    assert.deepEqual(keys(documentSymbols(analyseDraft(text))), [
      '1. Introduction: name kind range selectionRange children',
      '  1: name kind detail range selectionRange children',
      '    (a): name kind range selectionRange',
      '    (b): name kind detail range selectionRange',
      '2. Follow-up: name kind range selectionRange children',
      '  Article 1: name kind detail range selectionRange',
      '  Article 2: name kind detail range selectionRange children',
      '    1: name kind detail range selectionRange',
    ]);
  });

  it('every child range lies inside its parent and selection ranges inside ranges', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const root = path.resolve(__dirname, '../../..');
    for (const sample of ['outcome-document', 'framework-convention', 'chair-statement']) {
      const text = fs.readFileSync(path.join(root, 'samples', `${sample}.treaty`), 'utf8');
      const inside = (inner: DocumentSymbol['range'], outer: DocumentSymbol['range']) =>
        (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
        (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
      const check = (symbols: DocumentSymbol[], parent?: DocumentSymbol) => {
        for (const s of symbols) {
          assert.ok(inside(s.selectionRange, s.range), `${sample}: ${s.name} selection outside its range`);
          assert.ok(s.children === undefined || s.children.length > 0, `${sample}: ${s.name} sends an empty children array`);
          assert.ok(!('detail' in s) || (typeof s.detail === 'string' && s.detail !== ''), `${sample}: ${s.name} sends an empty detail`);
          if (parent) assert.ok(inside(s.range, parent.range), `${sample}: ${s.name} outside ${parent.name}`);
          check(s.children ?? [], s);
        }
      };
      check(documentSymbols(analyseDraft(text)));
    }
  });
});
