import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Position, Range } from 'vscode-languageserver-types';
import { analyseDraft, type AnalysedDraft, type AnalysisOptions } from '../../server/src/core/analyse';
import type { LineIndex } from '../../server/src/core/lineIndex';
import type { Paragraph, TextSpan } from '../../server/src/core/model';
import { formatNumber, numberKey, type DraftNumber } from '../../server/src/core/numberForms';
import { numberOccurrences, paragraphKey, type NumberedTarget, scopeOf } from '../../server/src/core/occurrences';
import { DEFAULT_AGREED_MARKERS, normaliseSettings } from '../../server/src/core/settings';
import { applySpanEdits, disjointEdits, toTextEdits, type SpanEdit } from '../../server/src/core/spanEdits';
import { codeActionOffers, resolveOffer, type Offer } from '../../server/src/features/codeActions';
import { codeLenses } from '../../server/src/features/codeLenses';
import { completions } from '../../server/src/features/completion';
import { draftDiagnostics } from '../../server/src/features/diagnostics';
import { foldingRanges } from '../../server/src/features/folding';
import { hover } from '../../server/src/features/hover';
import { definition, documentHighlights, references } from '../../server/src/features/navigation';
import { prepareRename, renameEdits } from '../../server/src/features/rename';
import { renumber, type Renumbering } from '../../server/src/features/renumber';
import { negotiationStatus, statusBySection } from '../../server/src/features/status';
import { documentSymbols } from '../../server/src/features/symbols';
import { referenceMeanings } from '../features/referenceMeanings';
import { anyText, draftText, insertedText, noiseText, type GeneratedText } from '../support/draftArbitraries';
import { projection } from '../support/draftProjection';

/*
 * Property tests over generated drafts (test/support/draftArbitraries.ts): drafts that mix every construct of the
 * notation, and plain random text. Each property sets its own numRuns so that the default run stays under ~20 s;
 * PROPERTY_RUNS=<factor> multiplies every count for a long run.
 * The default run has a fixed seed, so that CI passes or fails on the change it tests, never on the draw;
 * PROPERTY_SEED=random draws a new seed each run (to look for counterexamples), PROPERTY_SEED=<n> replays one.
 * A failure prints fast-check's counterexample (seed, path and the shrunk text).
 */

const FACTOR = Math.max(0.01, Number(process.env.PROPERTY_RUNS ?? '1') || 1);
const FIXED_SEED = 20261123;
const SEED = process.env.PROPERTY_SEED === 'random' ? undefined : process.env.PROPERTY_SEED !== undefined ? Number(process.env.PROPERTY_SEED) : FIXED_SEED;
const runs = (n: number) => Math.max(1, Math.round(n * FACTOR));
const params = (n: number): fc.Parameters<unknown> => ({ numRuns: runs(n), ...(SEED !== undefined ? { seed: SEED } : {}) });
/** Mocha's limit for one property, scaled with the run count (the default run needs a fraction of it). */
const LIMIT = Math.max(60_000, 60_000 * FACTOR);

const URI = 'file:///property.treaty';
const SETTINGS = normaliseSettings({});
const MARKERS = DEFAULT_AGREED_MARKERS;
/** What rename and renumbering may replace: digits and a suffix, nothing else (ARCHITECTURE: edits are safe). */
const NUMBER_TEXT = /^\d+( ?[a-z]+)?$/;
/**
 * The reader also takes a tab before a Latin suffix and a capitalised suffix (`61\tbis`, `61 Bis`) as a number
 * (`readLatinSuffix`), and the edits then replace that written number whole: still digits and a suffix only.
 */
const NUMBER_TEXT_AS_READ = /^\d+([ \t]?[A-Za-z][a-z]*)?$/;

// ---------------------------------------------------------------------------------------------------------------
// Checks shared by the properties
// ---------------------------------------------------------------------------------------------------------------

function checkSpan(text: string, span: TextSpan, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: offsets ${span.start}-${span.end} are not integers`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: span ${span.start}-${span.end} outside 0-${text.length}`);
}

function checkPosition(lines: LineIndex, pos: Position, what: string): void {
  assert.ok(Number.isInteger(pos.line) && pos.line >= 0 && pos.line < lines.lineCount, `${what}: line ${pos.line} of ${lines.lineCount}`);
  const length = lines.lineEnd(pos.line) - lines.lineStart(pos.line);
  assert.ok(Number.isInteger(pos.character) && pos.character >= 0 && pos.character <= length, `${what}: character ${pos.character} on line ${pos.line} of length ${length}`);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function checkRange(lines: LineIndex, range: Range, what: string): void {
  checkPosition(lines, range.start, `${what} start`);
  checkPosition(lines, range.end, `${what} end`);
  assert.ok(before(range.start, range.end), `${what}: range ends before it starts ${JSON.stringify(range)}`);
}

/** Every span of the model lies inside the text. */
function checkModel(draft: AnalysedDraft): void {
  const text = draft.text;
  for (const p of draft.problems) {
    checkSpan(text, p.span, `problem ${p.code}`);
    for (const r of p.related ?? []) checkSpan(text, r.span, `related information of ${p.code}`);
  }
  for (const b of draft.blocks) {
    checkSpan(text, b.span, `block ${b.index}`);
    checkSpan(text, b.labelSpan, `label of block ${b.index}`);
  }
  for (const b of draft.brackets.spans()) {
    checkSpan(text, { start: b.open, end: b.end }, 'bracket');
    assert.equal(text[b.open], '[', `bracket at ${b.open} is not a [`);
    if (b.close >= 0) assert.equal(text[b.close], ']', `bracket closed at ${b.close} by something else than ]`);
    for (const o of b.options) checkSpan(text, o, 'slash option');
  }
  for (const p of draft.paragraphs) checkSpan(text, p.span, p.name);
  for (const r of draft.references) {
    checkSpan(text, r.span, 'reference');
    checkSpan(text, r.phrase, 'reference phrase');
  }
  for (const m of draft.markers) checkSpan(text, m.span, 'marker');
}

function checkSymbols(lines: LineIndex, symbols: ReturnType<typeof documentSymbols>, where: string): void {
  for (const s of symbols) {
    const what = `${where}/${s.name}`;
    checkRange(lines, s.range, `symbol ${what}`);
    checkRange(lines, s.selectionRange, `selection of symbol ${what}`);
    // LSP (and VS Code, which rejects the whole outline otherwise): the selection lies inside the range.
    assert.ok(before(s.range.start, s.selectionRange.start) && before(s.selectionRange.end, s.range.end), `symbol ${what}: selection ${JSON.stringify(s.selectionRange)} outside ${JSON.stringify(s.range)}`);
    checkSymbols(lines, s.children ?? [], what);
  }
}

/** What an editor sends: the diagnostics whose range holds the cursor. */
function offersAt(draft: AnalysedDraft, start: number, end = start): Offer[] {
  const context = draft.problems
    .filter((p) => p.span.start <= end && start <= p.span.end)
    .map((p) => ({ code: p.code, source: 'treaty', start: p.span.start, end: p.span.end }));
  return codeActionOffers(draft, start, end, context, MARKERS);
}

/**
 * An edit list as sent: sorted, disjoint (what `disjointEdits` requires), inside the text, and applicable.
 * `numbersOnly`: each edit replaces a written number (rename, renumbering).
 */
function checkEdits(text: string, edits: readonly SpanEdit[], what: string, numbersOnly: boolean): string {
  edits.forEach((e, i) => {
    checkSpan(text, e.span, `${what}: edit ${i}`);
    if (numbersOnly) {
      const replaced = text.slice(e.span.start, e.span.end);
      assert.ok(NUMBER_TEXT.test(replaced) || NUMBER_TEXT_AS_READ.test(replaced), `${what}: edit ${i} replaces “${replaced}”`);
    }
    if (i > 0) assert.ok(edits[i - 1].span.end <= e.span.start, `${what}: edits ${i - 1} and ${i} are not sorted and disjoint`);
  });
  assert.doesNotThrow(() => disjointEdits(edits), `${what}: disjointEdits refused the edits`);
  return applySpanEdits(text, edits);
}

/** A code action's edit as the server sends it: `toTextEdits` (sorted, disjoint) over valid positions. */
function checkWorkspaceEdit(draft: AnalysedDraft, edits: readonly SpanEdit[], what: string): string {
  for (const e of edits) checkSpan(draft.text, e.span, what);
  let textEdits: ReturnType<typeof toTextEdits> = [];
  assert.doesNotThrow(() => (textEdits = toTextEdits(draft.lines, edits)), `${what}: the edits overlap`);
  textEdits.forEach((e, i) => {
    checkRange(draft.lines, e.range, `${what}: text edit ${i}`);
    if (i > 0) assert.ok(before(textEdits[i - 1].range.end, e.range.start), `${what}: text edits ${i - 1} and ${i} overlap or are out of order`);
  });
  return applySpanEdits(draft.text, edits);
}


/** Where an offset of the old text stands after the edits (an offset at an edit's end moves with the text after it). */
function mapOffset(edits: readonly SpanEdit[], offset: number): number {
  let shift = 0;
  for (const e of edits) if (e.span.end <= offset) shift += e.newText.length - (e.span.end - e.span.start);
  return offset + shift;
}


/** The numbered paragraphs whose number no other paragraph of their scope carries. */
function uniqueParagraphs(draft: AnalysedDraft): Paragraph[] {
  const count = new Map<string, number>();
  for (const p of draft.paragraphs) {
    if (p.role !== 'paragraph' || !p.number) continue;
    const key = paragraphKey(p.article, p.number);
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  return draft.paragraphs.filter((p) => p.role === 'paragraph' && p.block.label.kind === 'paragraph' && p.number && count.get(paragraphKey(p.article, p.number)) === 1);
}

/** A number nothing in the scope holds and no dangling reference names: a rename to it must be accepted. */
function isFree(draft: AnalysedDraft, target: NumberedTarget, n: DraftNumber): boolean {
  if ('role' in target || 'alternatives' in target) {
    if (draft.index.slot(scopeOf(target), n)) return false;
    // A number orphan alternatives name is refused like one dangling references name (decisions §7).
    if (draft.alternativeGroups.some((g) => g.orphan && g.article === scopeOf(target) && numberKey(g.target) === numberKey(n))) return false;
    // A number that cannot be written in an `Alt` label naming the target is refused too (decisions §7).
    if (breaksAltLabels(draft, target, n)) return false;
    const key = paragraphKey(scopeOf(target), n);
    return !numberOccurrences(draft).some((o) => !o.target && o.missingKey === key);
  }
  if (draft.index.articles.get(numberKey(n))) return false;
  return !numberOccurrences(draft).some((o) => !o.target && o.missingKey === `article|${numberKey(n)}`);
}

/**
 * Whether writing n in every place that names the target would change which alternative groups without their original
 * stand in its place (decisions §3): the draft is read again and each such group compared by where it starts. A group
 * renamed into a place is what a rename of it asks for. Rename refuses the others (decisions §7), so that references
 * to such a group keep naming it and dangling references do not come to name one.
 */
function changesPlaces(draft: AnalysedDraft, target: NumberedTarget, n: DraftNumber): boolean {
  if (!('role' in target) && !('alternatives' in target)) return false;
  const edits = numberOccurrences(draft)
    .filter((o) => o.target === target)
    .map((o) => ({ span: o.span, newText: formatNumber(n) }));
  const after = analyseDraft(applySpanEdits(draft.text, edits));
  const placed = new Map(after.alternativeGroups.filter((g) => g.sub === undefined && !g.original).map((g) => [g.alternatives[0].block.span.start, !g.orphan]));
  return draft.alternativeGroups.some((g) => {
    if (g.sub !== undefined || g.original) return false;
    const now = placed.get(mapOffset(edits, g.alternatives[0].block.span.start)) ?? false;
    return now !== !g.orphan && !(g === target && now);
  });
}

const newNumber: fc.Arbitrary<DraftNumber> = fc.record({
  value: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 100, max: 9999 })),
  suffix: fc.constantFrom('', '', '', 'bis', 'ter', 'quater', 'a', 'b'),
});

/**
 * A rename writes the new number as typed in every place (decisions §7), so renaming back to the label's text restores
 * the draft byte for byte when every place wrote the number as the label does. Where a reference writes it otherwise
 * (`61bis.` and `paragraph 61 bis`), the round trip writes the label's way there too: not asked of property 3.
 */
function writtenDifferently(draft: AnalysedDraft, p: Paragraph): boolean {
  const label = p.block.label;
  if (label.kind !== 'paragraph') return false;
  const labelText = draft.text.slice(label.numberSpan.start, label.numberSpan.end);
  return numberOccurrences(draft)
    .filter((o) => o.target === p)
    .some((o) => draft.text.slice(o.span.start, o.span.end) !== labelText);
}

/**
 * Whether writing n in every `Alt` label that names the target would turn one into prose (`Alt 1a1)` with 1 → 1b reads
 * `Alt 1ba1)`): the draft, read again, has fewer `Alt` labels. A rename to such a number is refused (decisions §7),
 * which property 3 checks.
 */
function breaksAltLabels(draft: AnalysedDraft, target: NumberedTarget, n: DraftNumber): boolean {
  const places = numberOccurrences(draft).filter((o) => o.target === target && o.role === 'alternative');
  if (places.length === 0) return false;
  const after = analyseDraft(applySpanEdits(draft.text, places.map((o) => ({ span: o.span, newText: formatNumber(n) }))));
  const labels = (d: AnalysedDraft) => d.blocks.filter((b) => b.label.kind === 'alternative').length;
  return labels(after) < labels(draft);
}

/** A target's identity that survives a rename: where its definition starts, mapped through the edits. */
function targetPlace(target: NumberedTarget | undefined, map: (offset: number) => number): string {
  if (!target) return 'dangling';
  if ('alternatives' in target) return `alternatives@${map(target.alternatives[0].block.span.start)}`;
  if ('role' in target) return `paragraph@${map(target.block.span.start)}`;
  return `article@${map(target.block.span.start)}`;
}

/**
 * Property 4: every reference means what it meant. Identity by place (each target's start, mapped through the edits)
 * for every reference, and `referenceMeanings` (the target's opening words, or an article's title) where no edit falls
 * inside those words: when one does, they hold a renumbered reference and legitimately read differently.
 * `allowed(i)`: a reference whose change of meaning is excused (listed in renumbering's warnings; a product bug).
 */
function checkMeanings(old: AnalysedDraft, edits: readonly SpanEdit[], next: AnalysedDraft, what: string, allowed: (i: number) => boolean = () => false): void {
  assert.equal(next.references.length, old.references.length, `${what}: the number of references changed (${old.references.length} → ${next.references.length})`);
  const oldMeanings = referenceMeanings(old);
  const nextMeanings = referenceMeanings(next);
  old.references.forEach((r, i) => {
    const n = next.references[i];
    const where = `${what}: reference ${i} “${old.text.slice(r.phrase.start, r.phrase.end)}” (line ${old.lines.lineAt(r.span.start) + 1})`;
    if (allowed(i)) return;
    assert.equal(n.external === undefined, r.external === undefined, `${where} changed between internal and external`);
    if (r.external !== undefined) {
      assert.equal(nextMeanings[i], oldMeanings[i], where);
      return;
    }
    assert.equal(targetPlace(n.target, (o) => o), targetPlace(r.target, (o) => mapOffset(edits, o)), `${where} now names another paragraph`);
    // What the meaning reads: a paragraph's opening words, or an article's title, which lies in its heading block.
    const t = r.target;
    const read = !t ? undefined : 'alternatives' in t ? t.alternatives[0] : 'role' in t ? t : { span: t.block.span, block: t.block };
    const touched = read !== undefined && edits.some((e) => e.span.start < read.span.end && e.span.end > read.block.labelSpan.end);
    if (!touched) assert.equal(nextMeanings[i], oldMeanings[i], where);
  });
}


/**
 * A reference that was dangling and names a paragraph after renumbering, or the reverse, and is listed in its warnings
 * (line and number): the renumbering told the drafter.
 */
function listedInWarnings(draft: AnalysedDraft, next: AnalysedDraft, result: Renumbering): (i: number) => boolean {
  return (i) => {
    const r = draft.references[i];
    const now = next.references[i]?.target;
    // Dangling before and naming something after, or naming alternatives that lose their place (and so nothing after).
    if (!r.target === !now) return false;
    const line = draft.lines.lineAt(r.span.start) + 1;
    return result.warnings.some((w) => w.startsWith(`Line ${line}: “${formatNumber(r.number)}”`));
  };
}

const bracketErrors = (d: AnalysedDraft) => ({
  unclosed: d.problems.filter((p) => p.code === 'unclosed-bracket').length,
  unmatched: d.problems.filter((p) => p.code === 'unmatched-bracket').length,
});

const onlyCrlf = (text: string) => !/\r(?!\n)|(?<!\r)\n/.test(text);

const withOffsets = <T extends GeneratedText>(text: fc.Arbitrary<T>, count: number) =>
  fc.tuple(text, fc.array(fc.nat(), { minLength: count, maxLength: count })).map(([t, raw]) => ({ ...t, offsets: raw.map((o) => o % (t.text.length + 1)) }));

const analysisOptions: fc.Arbitrary<AnalysisOptions> = fc.constantFrom<AnalysisOptions>({}, {}, {}, { agreedMarkers: ['(Adopted)', '(Acordado)'] }, { agreedMarkers: ['(Agreed)', 'agreed ad ref'] }, { agreedMarkers: [] });

// ---------------------------------------------------------------------------------------------------------------

describe('properties over generated drafts', function () {
  this.timeout(LIMIT);

  it('1. the analysis never throws nor fails, and every feature runs with its ranges inside the document', () => {
    const property = fc.property(withOffsets(anyText(), 6), analysisOptions, ({ text, offsets }, options) => {
      const draft = analyseDraft(text, options);
      assert.equal(draft.internalError, undefined, draft.internalError);
      assert.equal(draft.text, text);
      checkModel(draft);
      const lines = draft.lines;

      const diagnostics = draftDiagnostics(draft, SETTINGS, URI);
      assert.equal(diagnostics.length, draft.problems.length);
      for (const d of diagnostics) {
        checkRange(lines, d.range, `diagnostic ${d.code}`);
        for (const r of d.relatedInformation ?? []) checkRange(lines, r.location.range, `related information of ${d.code}`);
      }
      for (const f of foldingRanges(draft)) {
        assert.ok(0 <= f.startLine && f.startLine < f.endLine && f.endLine < lines.lineCount, `folding ${f.startLine}-${f.endLine} of ${lines.lineCount} lines`);
      }
      checkSymbols(lines, documentSymbols(draft), '');
      const status = negotiationStatus(draft);
      for (const [key, value] of Object.entries({ ...status.paragraphs, ...status, paragraphs: 0 })) {
        assert.ok(Number.isInteger(value) && value >= 0, `status ${key} = ${value}`);
      }
      for (const row of statusBySection(draft)) assert.ok(row.line >= 0 && row.line < lines.lineCount, `status row ${row.name} at line ${row.line}`);
      for (const lens of codeLenses(draft)) checkSpan(text, lens.span, `lens ${lens.title}`);

      for (const offset of offsets) {
        const h = hover(draft, offset);
        if (h?.range) checkRange(lines, h.range, `hover at ${offset}`);
        for (const item of completions(draft, offset)) assert.ok(typeof item.label === 'string' && item.label.length > 0, `completion at ${offset}`);
        for (const l of definition(draft, URI, offset)) checkRange(lines, l.range, `definition at ${offset}`);
        for (const l of references(draft, URI, offset, true)) checkRange(lines, l.range, `references at ${offset}`);
        for (const h2 of documentHighlights(draft, offset)) checkRange(lines, h2.range, `highlight at ${offset}`);
        const prepared = prepareRename(draft, offset);
        if (!('refused' in prepared)) checkSpan(text, prepared.span, `prepareRename at ${offset}`);
      }
    });
    fc.assert(property, params(400));
  });

  it('2. every edit the features build is sorted, disjoint and applies; rename and renumbering change numbers only', () => {
    const property = fc.property(
      withOffsets(fc.oneof({ weight: 4, arbitrary: draftText() }, { weight: 1, arbitrary: noiseText() }), 4),
      fc.nat(),
      newNumber,
      fc.nat(),
      ({ text, offsets }, pick, n, width) => {
        const draft = analyseDraft(text);
        for (const bis of ['keep', 'number'] as const) {
          const result = renumber(draft, { bis });
          if ('refused' in result) {
            assert.ok(!draft.numbered, `renumber refused a numbered draft: ${result.refused}`);
            continue;
          }
          checkEdits(text, result.edits, `renumber (bis: ${bis})`, true);
        }

        const named = numberOccurrences(draft).filter((o) => o.target);
        if (named.length > 0) {
          const at = named[pick % named.length];
          const result = renameEdits(draft, at.span.start, formatNumber(n));
          // An unnumbered draft's references name ¶s by position (decisions §5): there is no number to rename.
          if (draft.numbered && isFree(draft, at.target!, n) && 'refused' in result) {
            assert.ok(changesPlaces(draft, at.target!, n), `renaming ${formatNumber(at.number)} to the free ${formatNumber(n)} was refused: ${result.refused}`);
          }
          if (!('refused' in result)) checkEdits(text, result, `rename ${formatNumber(at.number)} → ${formatNumber(n)}`, true);
        }

        for (const offset of offsets) {
          const end = Math.min(text.length, offset + (width % 4 === 0 ? width % 30 : 0));
          for (const offer of offersAt(draft, offset, end)) {
            if (!offer.resolution) continue;
            const edits = resolveOffer(draft, offer.resolution, MARKERS);
            assert.ok(!('refused' in edits), `“${offer.title}” offered at ${offset} was refused: ${'refused' in edits ? edits.refused : ''}`);
            checkWorkspaceEdit(draft, edits, `“${offer.title}” at ${offset}`);
          }
        }
      },
    );
    fc.assert(property, params(300));
  });

  it('3. rename N → M → N restores the text byte for byte', () => {
    let renamed = 0;
    const property = fc.property(draftText(), fc.nat(), newNumber, ({ text }, pick, m) => {
      const draft = analyseDraft(text);
      const candidates = draft.numbered ? uniqueParagraphs(draft) : [];
      if (candidates.length === 0) return;
      const p = candidates[pick % candidates.length];
      if (p.block.label.kind === 'paragraph' && breaksAltLabels(draft, p, m)) {
        const refused = renameEdits(draft, p.block.label.numberSpan.start, formatNumber(m));
        assert.ok('refused' in refused, `${p.name} → ${formatNumber(m)} was not refused, and breaks an Alt label`);
        return;
      }
      if (!isFree(draft, p, m)) return;
      if (writtenDifferently(draft, p)) return; // see writtenDifferently
      const label = p.block.label;
      if (label.kind !== 'paragraph') return;
      const offset = label.numberSpan.start;
      const written = text.slice(label.numberSpan.start, label.numberSpan.end);
      const there = renameEdits(draft, offset, formatNumber(m));
      if ('refused' in there && changesPlaces(draft, p, m)) return;
      assert.ok(!('refused' in there), `${written} → ${formatNumber(m)} refused: ${'refused' in there ? there.refused : ''}`);
      const middle = applySpanEdits(text, there);
      const back = renameEdits(analyseDraft(middle), mapOffset(there, offset), written);
      assert.ok(!('refused' in back), `${formatNumber(m)} → ${written} refused: ${'refused' in back ? back.refused : ''}`);
      assert.equal(applySpanEdits(middle, back), text, `${written} → ${formatNumber(m)} → ${written}`);
      renamed++;
    });
    fc.assert(property, params(500));
    assert.ok(renamed > runs(500) / 4, `only ${renamed} round trips were tried`);
  });

  it('4. after a rename or a renumbering every reference names the same paragraph as before', () => {
    let checked = 0;
    const property = fc.property(draftText(), fc.nat(), newNumber, fc.constantFrom('rename', 'keep', 'number'), ({ text }, pick, m, how) => {
      const draft = analyseDraft(text);
      if (!draft.numbered) return;
      if (how === 'rename') {
        const candidates = uniqueParagraphs(draft);
        if (candidates.length === 0) return;
        const p = candidates[pick % candidates.length];
        if (!isFree(draft, p, m) || p.block.label.kind !== 'paragraph') return;
        const edits = renameEdits(draft, p.block.label.numberSpan.start, formatNumber(m));
        if ('refused' in edits && changesPlaces(draft, p, m)) return;
        assert.ok(!('refused' in edits), 'refused' in edits ? edits.refused : '');
        const next = analyseDraft(applySpanEdits(text, edits));
        checkMeanings(draft, edits, next, `rename ${p.name} → ${formatNumber(m)}`);
      } else {
        const result = renumber(draft, { bis: how });
        assert.ok(!('refused' in result), 'refused' in result ? result.refused : '');
        const next = analyseDraft(applySpanEdits(text, result.edits));
        const listed = listedInWarnings(draft, next, result);
        checkMeanings(draft, result.edits, next, `renumber (bis: ${how})`, listed);
      }
      checked++;
    });
    fc.assert(property, params(500));
    assert.ok(checked > runs(500) / 4, `only ${checked} drafts checked`);
  });

  it('5. accepting or deleting any bracket adds no bracket error and keeps CRLF text CRLF', () => {
    let applied = 0;
    const property = fc.property(fc.oneof(draftText({ eol: 'CRLF' }), draftText()), fc.nat(), ({ text }, from) => {
      const draft = analyseDraft(text);
      const errors = bracketErrors(draft);
      const crlf = text.includes('\r\n') && onlyCrlf(text);
      // Every closed bracket of the draft, or, in a draft with very many, 12 consecutive ones from a random place (each
      // costs two analyses), so that the default run stays short; the long run covers the rest.
      const closed = draft.brackets.spans().filter((b) => b.close >= 0);
      const chosen = closed.length <= 12 ? closed : Array.from({ length: 12 }, (_, k) => closed[(from + k) % closed.length]);
      for (const b of chosen) {
        const offers = [...offersAt(draft, b.open), ...offersAt(draft, b.open + 1)].filter(
          (o) => (o.resolution?.do === 'accept' || o.resolution?.do === 'delete') && o.resolution.open === b.open,
        );
        const seen = new Set<string>();
        for (const offer of offers) {
          if (seen.has(offer.resolution!.do)) continue;
          seen.add(offer.resolution!.do);
          const edits = resolveOffer(draft, offer.resolution!, MARKERS);
          assert.ok(!('refused' in edits), `“${offer.title}” refused: ${'refused' in edits ? edits.refused : ''}`);
          const after = applySpanEdits(text, edits);
          const reanalysed = analyseDraft(after);
          const now = bracketErrors(reanalysed);
          const what = `“${offer.title}” (bracket at ${b.open})`;
          assert.ok(now.unclosed <= errors.unclosed, `${what} added an unclosed-bracket (${errors.unclosed} → ${now.unclosed}):\n${JSON.stringify(after)}`);
          assert.ok(now.unmatched <= errors.unmatched, `${what} added an unmatched-bracket (${errors.unmatched} → ${now.unmatched}):\n${JSON.stringify(after)}`);
          if (crlf) assert.ok(onlyCrlf(after), `${what} left a bare line break:\n${JSON.stringify(after)}`);
          applied++;
        }
      }
    });
    fc.assert(property, params(400));
    assert.ok(applied > runs(400), `only ${applied} accepts and deletes applied`);
  });

  // Property 6: incremental analysis. `server/src/core/incremental.ts` (another engineer's) exports
  // `reanalyse(previous, change, options)`, the analysis of previous.text with [change.start, change.end) replaced by
  // change.text. Until its compiled module exists this property is skipped; it activates by itself once it lands.
  const incrementalModule = path.resolve(__dirname, '../../server/src/core/incremental.js');
  const incrementalExists = fs.existsSync(incrementalModule);
  (incrementalExists ? it : it.skip)('6. incremental reanalysis after any sequence of edits equals a full analysis', () => {
    type Change = { start: number; end: number; text: string };
    const { reanalyse } = require(incrementalModule) as {
      reanalyse: (previous: AnalysedDraft, change: Change, options: AnalysisOptions, editedText?: string) => AnalysedDraft;
    };
    // The new text as an editor holds it is offered in turns: right (to be used), absent, or wrong (to be ignored).
    const offered = (step: number, expected: string): string | undefined => {
      if (step % 3 === 1) return undefined;
      if (step % 3 === 0) return expected;
      const at = expected.length >> 1;
      return expected.length === 0 ? 'x' : expected.slice(0, at) + (expected[at] === 'x' ? 'y' : 'x') + expected.slice(at + 1);
    };
    type Typed = { at: number; length: number; text: string; inNumber: boolean };
    // One edit in five lands in a paragraph's or an alternative's number (a drafter renumbering by hand), which the
    // re-analysis handles apart from other label edits; the rest anywhere.
    const change = fc.record({
      at: fc.nat(),
      length: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(40)),
      text: fc.oneof({ weight: 4, arbitrary: insertedText }, { weight: 1, arbitrary: fc.constantFrom('0', '1', '7', ' bis', 'a', '') }),
      inNumber: fc.nat(4).map((n) => n === 0),
    });
    const numberSpans = (draft: AnalysedDraft): TextSpan[] =>
      draft.blocks.flatMap((b) => (b.label.kind === 'paragraph' ? [b.label.numberSpan] : b.label.kind === 'alternative' ? [b.label.indexSpan, b.label.targetSpan] : []));
    const placed = (draft: AnalysedDraft, c: Typed): Change => {
      const spans = c.inNumber ? numberSpans(draft) : [];
      if (spans.length > 0) {
        const span = spans[c.at % spans.length];
        const start = span.start + (c.at % (span.end - span.start + 1));
        return { start, end: Math.min(span.end, start + (c.length % 2)), text: c.text };
      }
      const start = c.at % (draft.text.length + 1);
      return { start, end: Math.min(draft.text.length, start + c.length), text: c.text };
    };
    const sequence = (draft: fc.Arbitrary<GeneratedText>, min: number, max: number) =>
      fc.tuple(fc.oneof({ weight: 4, arbitrary: draft }, { weight: 1, arbitrary: noiseText(120) }), fc.array(change, { minLength: min, maxLength: max }), analysisOptions);
    const check = ([{ text }, changes, options]: [GeneratedText, Typed[], AnalysisOptions]) => {
      let draft = analyseDraft(text, options);
      changes.forEach((c, step) => {
        const edit = placed(draft, c);
        const expectedText = draft.text.slice(0, edit.start) + edit.text + draft.text.slice(edit.end);
        draft = reanalyse(draft, edit, options, offered(step, expectedText));
        assert.equal(draft.text, expectedText, `step ${step}: the text after ${JSON.stringify(edit)}`);
        assert.equal(draft.internalError, undefined, draft.internalError);
        assert.deepEqual(projection(draft), projection(analyseDraft(expectedText, options)), `step ${step}: after ${JSON.stringify(edit)}`);
      });
    };
    // At least 1,000 sequences in the default run: many short ones on small drafts, fewer long ones on larger drafts.
    fc.assert(fc.property(sequence(draftText({ maxLines: 10 }), 1, 4), check), params(600));
    fc.assert(fc.property(sequence(draftText(), 4, 15), check), params(300));
    fc.assert(fc.property(sequence(draftText({ maxLines: 60 }), 15, 40), check), params(100));
  });
});
