import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseDraft } from '../server/src/core/analyse';
import { reanalyse, type TextChange } from '../server/src/core/incremental';
import { normaliseSettings } from '../server/src/core/settings';
import { draftDiagnostics } from '../server/src/features/diagnostics';
import { foldingRanges } from '../server/src/features/folding';
import { hover } from '../server/src/features/hover';
import { negotiationStatus } from '../server/src/features/status';
import { documentSymbols } from '../server/src/features/symbols';
import { generateDraft, seededRandom } from './draftGenerator';
import { renameEdits } from '../server/src/features/rename';
import { renumber } from '../server/src/features/renumber';
import { completions } from '../server/src/features/completion';
import { references } from '../server/src/features/navigation';
import { codeActionOffers, resolveOffer } from '../server/src/features/codeActions';
import { codeLenses } from '../server/src/features/codeLenses';
import { measureMarkdownBaseline, printBaseline, printTargets, type BaselineResult } from './markdownBaseline';
import { median, medianOf, plannedRuns, timed, wireRuns } from './timing';

/**
 * `npm run bench`: median times over repeated runs for the analysis and each feature, on the largest sample and on
 * generated drafts of 100, 2,000 and 20,000 paragraphs, each also as a ratio to a bare scan (one pass counting
 * `[`, `]` and line breaks: the floor any analysis pays), and the memory a retained analysis holds. Then the second
 * baseline: VS Code's Markdown language server on the same drafts written as Markdown, against our server, both over
 * stdio (bench/markdownBaseline.ts).
 */
const root = path.resolve(__dirname, '../..');
const settings = normaliseSettings({});

function bareScan(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 93 || c === 10) n++;
  }
  return n;
}

/**
 * The memory one analysis keeps, averaged over enough analyses kept at once to hold about 20 MB: a single analysis of
 * a 20 KB draft is smaller than what the heap's own bookkeeping moves between two measurements (it once read -0.2 MB).
 */
function retainedBytes(text: string): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  const copies = Math.max(1, Math.ceil(2e7 / (10 * text.length)));
  // The heap and the memory of typed arrays outside it, where the analysis keeps its brackets (core/bracketTable.ts).
  const used = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  gc();
  const before = used();
  const kept = Array.from({ length: copies }, () => analyseDraft(text));
  gc();
  const after = used();
  if (kept.length < 0) console.log('unreachable');
  return (after - before) / copies;
}

type CodeActionContext = Parameters<typeof codeActionOffers>[3];

/** The diagnostics at a cursor, as the editor sends them with its request: gathered by the editor, so not timed. */
function contextAt(draft: ReturnType<typeof analyseDraft>, offset: number): CodeActionContext {
  return draft.problems.filter((p) => p.span.start <= offset && offset <= p.span.end).map((p) => ({ code: p.code, source: 'treaty', start: p.span.start, end: p.span.end }));
}

/** What an editor asks at a cursor: the actions for the diagnostics there and for the place itself. */
function actionsAt(draft: ReturnType<typeof analyseDraft>, offset: number, context: CodeActionContext) {
  return codeActionOffers(draft, offset, offset, context, settings.agreedMarkers);
}

interface Row {
  name: string;
  bytes: number;
  figures: Array<[string, number]>;
  memory?: number;
}

function measure(name: string, text: string): Row {
  const runs = plannedRuns(text.length);
  const { scan, analysis, keystrokes } = analysisAndKeystrokes(text, TURNS_PER_RUN * runs);
  const draft = analyseDraft(text);
  const offsets = Array.from({ length: 20 }, (_, i) => Math.floor((text.length * i) / 20));
  const contexts = offsets.map((o) => contextAt(draft, o));
  const figures: Array<[string, number]> = [
    ['bare scan', scan],
    ['full analysis', analysis],
    ...keystrokes,
    ['diagnostics', median(runs, () => draftDiagnostics(draft, settings, 'file:///draft.treaty'))],
    ['outline', median(runs, () => documentSymbols(draft))],
    ['folding', median(runs, () => foldingRanges(draft))],
    ['hover (20 places)', median(runs, () => offsets.forEach((o) => hover(draft, o)))],
    ['status', median(runs, () => negotiationStatus(draft))],
    ['code actions (20 places)', median(runs, () => offsets.forEach((o, i) => actionsAt(draft, o, contexts[i])))],
    ['code actions resolved', median(runs, () => offsets.forEach((o, i) => actionsAt(draft, o, contexts[i]).forEach((a) => a.resolution && resolveOffer(draft, a.resolution, settings.agreedMarkers))))],
    ['code lenses', median(runs, () => codeLenses(draft))],
  ];
  return { name, bytes: text.length, figures, memory: retainedBytes(text) };
}

const KEYSTROKE = 're-analysis, 1 keystroke';
const NEW_TEXT = 'new text after 1 keystroke';
const IN_A_ROW = 'in a row: ';

/**
 * The analysis alone on a draft of another shape than the generator's usual mix: a shape that once cost far more than
 * the mix (a draft with no slash at all read to its end once per bracket) is kept here to show if it comes back.
 */
function measureShape(name: string, text: string): Row {
  const runs = plannedRuns(text.length);
  const { scan, analysis, keystrokes } = analysisAndKeystrokes(text, TURNS_PER_RUN * runs);
  return { name, bytes: text.length, figures: [['bare scan', scan], ['full analysis', analysis], ...keystrokes] };
}

/**
 * Every paragraph opening with `Encourages Member States to`, six words, `in accordance with national legislation.`:
 * sentences alike at both ends share the key duplicate sentences are filed under (core/duplicateSentences.ts), and
 * are told apart by all their words. Comparing them on every keystroke once made a keystroke six times dearer.
 */
function boilerplate(text: string): string {
  const random = seededRandom(7);
  const words = 'the parties shall should may ensure promote support strengthen develop implement sustainable development'.split(' ');
  const middle = () => Array.from({ length: 6 }, () => words[Math.floor(random() * words.length)]).join(' ');
  return text.replace(/^(\d+\. )/gm, (label: string) => `${label}Encourages Member States to ${middle()} in accordance with national legislation. `);
}

/** Where a drafter types in the middle of the draft, and what: one character, typed and then deleted. */
interface Keystroke {
  readonly label: string;
  readonly at: (text: string) => number;
  readonly typed: string;
}

const KEYSTROKES: Keystroke[] = [
  // In a word of a paragraph's text: not on a label or inside a bracket. No label changes, so the structure is kept.
  { label: KEYSTROKE, at: (text) => text.indexOf(' the ', text.length >> 1) + 1, typed: 'x' },
  // A line break in the same place: lines move, so the numbering's messages (which name lines) are read again.
  { label: 're-analysis, 1 line break', at: (text) => text.indexOf(' the ', text.length >> 1) + 1, typed: '\n' },
  // A digit typed into a paragraph's number (`61.` becomes `601.`): the structure is kept, and the groups, number index
  // and numbering are read again over it.
  { label: 're-analysis, 1 digit in a label', at: (text) => paragraphNumberNear(text, text.length >> 1), typed: '0' },
];

/**
 * Inside the paragraph number nearest after `from` (else before it) that has room for one more digit: a number has at
 * most five, so in the middle of 20,000 paragraphs a sixth digit would unmake the label, and the keystroke would
 * measure a block lost instead of a number changed.
 */
function paragraphNumberNear(text: string, from: number): number {
  const label = /\n(\d{1,4})\. /g;
  label.lastIndex = from;
  const after = label.exec(text);
  if (after) return after.index + 2;
  let before = -1;
  label.lastIndex = 0;
  for (let m = label.exec(text); m && m.index < from; m = label.exec(text)) before = m.index + 2;
  return before;
}

/**
 * Turns of scans, analyses and keystrokes per run of the other figures. Seven turns on 1 MB were too few for the
 * compiler to settle: in a separate process, a full analysis measured 36 ms as the median of 7 turns and 26–27 ms as
 * that of 21, and a letter typed 2.1 ms and 1.6 ms. A turn of 1 MB takes about 70 ms, one of 10 MB about a second.
 */
const TURNS_PER_RUN = 3;

/**
 * Bare scans, full analyses and a drafter typing in the middle of the draft (each keystroke typed, then deleted, each
 * re-analysed from the analysis before it, as the server does on every change), taken in turns: the garbage one leaves
 * weighs on the other, so measured apart their ratio would flatter whichever ran second; and a machine busy with
 * something else for a while slows all three alike, so their ratios hold when the times do not.
 */
function analysisAndKeystrokes(text: string, runs: number): { scan: number; analysis: number; keystrokes: Array<[string, number]> } {
  let draft = analyseDraft(text);
  const scans: number[] = [];
  const full: number[] = [];
  const kinds = KEYSTROKES.map((k) => ({ ...k, offset: k.at(text), times: [] as number[] })).filter((k) => k.offset > 0);
  const copies: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (let s = 0; s < 3; s++) timed(scans, () => bareScan(text));
    timed(full, () => analyseDraft(text));
    // Each kind goes first in turn: the first keystroke after a full analysis pays for the garbage it left, and with a
    // fixed order the letter typed always did (1.38 ms against 0.98 for the line break typed at the same place after it).
    for (let j = 0; j < kinds.length; j++) {
      const k = kinds[(i + j) % kinds.length];
      for (let typed = 0; typed < 4; typed++) {
        timed(k.times, () => {
          draft = reanalyse(draft, keystroke(k, typed));
        });
      }
    }
    for (let typed = 0; typed < 4; typed++) timed(copies, () => newText(draft.text, kinds[0]?.offset ?? 0, 'x'));
  }
  // The same keystrokes one after another, as a drafter types them, with no full analysis between to pay for: shown
  // for reading, beside the figures in turns above, which the target is read on.
  const inARow = kinds.map((k): [string, number] => {
    const times: number[] = [];
    for (let typed = 0; typed < 8 * runs; typed++) {
      timed(times, () => {
        draft = reanalyse(draft, keystroke(k, typed));
      });
    }
    return [`${IN_A_ROW}${k.label.replace('re-analysis, ', '')}`, medianOf(times)];
  });
  return {
    scan: medianOf(scans),
    analysis: medianOf(full),
    keystrokes: [...kinds.map((k): [string, number] => [k.label, medianOf(k.times)]), ...inARow, [NEW_TEXT, medianOf(copies)]],
  };
}

/** The `typed`th keystroke at a kind's place: the character typed, then deleted again, in turn. */
function keystroke(k: { readonly offset: number; readonly typed: string }, typed: number): TextChange {
  return typed % 2 === 1 ? { start: k.offset, end: k.offset + 1, text: '' } : { start: k.offset, end: k.offset, text: k.typed };
}

/**
 * What every keystroke pays before any analysis: the edited draft as one new string, made as re-analysis makes it and
 * read once (its first read copies the whole draft into one piece). It bounds how small a keystroke's share of a full
 * analysis can be.
 */
function newText(text: string, at: number, typed: string): number {
  const edited = text.slice(0, at) + typed + text.slice(at);
  return edited.charCodeAt(edited.length >> 1);
}

function print(rows: Row[]): void {
  for (const row of rows) {
    const scan = row.figures[0][1];
    console.log(`\n${row.name}: ${(row.bytes / 1024).toFixed(0)} KB`);
    for (const [label, ms] of row.figures) {
      const full = row.figures.find(([l]) => l === 'full analysis')?.[1];
      const ratio =
        label === 'bare scan'
          ? ''
          : label.startsWith('re-analysis') && full
            ? `${(ms / full).toFixed(3)} of a full analysis (the target, on the 1 MB draft: ≤ 0.1)`
            : label.startsWith(IN_A_ROW) && full
              ? `${(ms / full).toFixed(3)} of a full analysis (typed one after another, with no full analysis between)`
              : label === NEW_TEXT && full
                ? `${(ms / full).toFixed(3)} of a full analysis, ${(ms / scan).toFixed(2)}× bare scan: what every keystroke pays first`
                : `${(ms / scan).toFixed(1)}× bare scan`;
      console.log(`  ${label.padEnd(32)} ${ms.toFixed(2).padStart(10)} ms   ${ratio}`);
    }
    const keystrokes = row.figures.filter(([label]) => label.startsWith('re-analysis'));
    if (keystrokes.length > 0) {
      // Full analysis ≤ 5× the scan and a keystroke ≤ a tenth of it hold together only if a keystroke is ≤ half a scan.
      const shares = keystrokes.map(([label, ms]) => `${label.replace('re-analysis, 1 ', '')} ${(ms / scan).toFixed(2)}×`).join(', ');
      console.log(`  both targets together need a keystroke ≤ 0.5× bare scan: ${shares}`);
    }
    if (row.memory !== undefined) {
      console.log(`  ${'retained memory'.padEnd(32)} ${(row.memory / 1048576).toFixed(1).padStart(10)} MB   ${(row.memory / (row.bytes * 2)).toFixed(1)}× the text (UTF-16)`);
    }
  }
}

const samples = fs.readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.treaty'));
const largest = samples
  .map((f) => ({ f, text: fs.readFileSync(path.join(root, 'samples', f), 'utf8') }))
  .sort((a, b) => b.text.length - a.text.length)[0];

/** Cross-references at scale: a paragraph referenced 500 times, and a renumbering of every paragraph. */
function measureReferences(paragraphs: number): Row {
  const base = generateDraft(paragraphs).text;
  const referring = Array.from({ length: 500 }, (_, i) => `as recalled in paragraph ${Math.floor(paragraphs / 2)} (${i})`).join(', ');
  // The 500 references go in a paragraph of their own near the end, and the draft gets a gap to renumber away.
  const text = `${base}\n${paragraphs + 2}. We note, ${referring}.\n`;
  const draft = analyseDraft(text);
  const target = draft.paragraphs.find((p) => p.number?.value === Math.floor(paragraphs / 2) && p.role === 'paragraph');
  const label = target?.block.label;
  const offset = label && label.kind === 'paragraph' ? label.numberSpan.start : 0;
  const runs = 7;
  const scan = median(runs * 3, () => bareScan(text));
  const renamed = renameEdits(draft, offset, String(paragraphs + 500));
  const edits = 'refused' in renamed ? 0 : renamed.length;
  return {
    name: `references: ${paragraphs} paragraphs, paragraph ${Math.floor(paragraphs / 2)} referenced 500 times (${edits} edits)`,
    bytes: text.length,
    figures: [
      ['bare scan', scan],
      ['rename (500 refs)', median(runs, () => renameEdits(draft, offset, String(paragraphs + 500)))],
      ['find references', median(runs, () => references(draft, 'file:///d.treaty', offset, true))],
      ['renumber (all)', median(runs, () => renumber(draft, { bis: 'keep' }))],
      ['completion', median(runs, () => completions(draft, text.lastIndexOf('paragraph ') + 'paragraph '.length))],
      ['analysis + rename', median(runs, () => renameEdits(analyseDraft(text), offset, String(paragraphs + 500)))],
    ],
  };
}

/** The whole Markdown baseline stays within this; a size projected to overrun it is skipped with a note. */
const BASELINE_BUDGET_S = 180;

async function markdownBaselines(): Promise<void> {
  const started = Date.now();
  let last: BaselineResult | undefined;
  for (const paragraphs of [100, 2000, 20000]) {
    const text = generateDraft(paragraphs).text;
    const elapsed = (Date.now() - started) / 1000;
    // Time grows with the text and with the number of requests (fewer repetitions on larger drafts).
    const projected = last ? last.seconds * (text.length / last.draftBytes) * ((wireRuns(text.length) + 1) / (wireRuns(last.draftBytes) + 1)) : 0;
    if (elapsed + projected > BASELINE_BUDGET_S) {
      console.log(`\nMarkdown baseline, ${paragraphs} paragraphs: skipped (projected ${projected.toFixed(0)} s after ${elapsed.toFixed(0)} s, budget ${BASELINE_BUDGET_S} s).`);
      continue;
    }
    try {
      last = await measureMarkdownBaseline(text, paragraphs);
      printBaseline(last);
      if (paragraphs === 2000) printTargets(last);
    } catch (error) {
      console.log(`\nMarkdown baseline, ${paragraphs} paragraphs: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function main(): Promise<void> {
  const rows = [measure(`largest sample (${largest.f})`, largest.text)];
  for (const paragraphs of [100, 2000, 20000]) rows.push(measure(`generated, ${paragraphs} paragraphs`, generateDraft(paragraphs).text));
  rows.push(measureShape('generated, 2000 paragraphs, no slash options (every `/` a space)', generateDraft(2000).text.replace(/\//g, ' ')));
  rows.push(measureShape('generated, 2000 paragraphs, each opening and closing alike', boilerplate(generateDraft(2000).text)));
  rows.push(measureReferences(2000));
  print(rows);
  await markdownBaselines();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
