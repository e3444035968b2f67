import { readLineLabel, readNumber } from './labels';
import { formatNumber, isDigit, isLetter, isRoman, numberKey, type DraftNumber } from './numberForms';
import type { NumberIndex } from './groups';
import type { Article, Paragraph, Problem, Reference, ReferenceTarget, TextSpan } from './model';
import { findSubItem } from './groups';
import { capitalise } from './wording';
import { firstFrom } from './spanSearch';
import { lastOf } from './lastOf';
import { anyCharFinder } from './charFinder';

/** The words that introduce a reference: `paragraph`, `paras.`, `sub-paragraphs`, `Article`, `arts.`. */
const REFERENCE_WORDS = 'sub-?paragraphs?|paragraphs?|paras?\\.?|articles?|arts?\\.';
/** A reference word as NOTATION §5 writes it, with the spaces before its number. Exported for the test that holds the search to it. */
export const REFERENCE_WORD = new RegExp(`(?<![\\p{L}\\p{N}_-])(${REFERENCE_WORDS})[ \\t\\u00a0]*(?:\\r?\\n[ \\t]*)?(?=\\d)`, 'iuy');
/**
 * A reference word is always followed by its number, so the words are looked for from each number back: numbers are
 * found by native search, where scanning the whole draft for `par`, `art` and `sub` without regard to case cost twice
 * as much (a tenth of a full analysis of 1 MB).
 */
const DIGITS = '0123456789';
/** The longest and shortest reference words, `sub-paragraphs` and `art.`. */
const LONGEST_WORD = 14;
const SHORTEST_WORD = 3;

/** Where a reference word stands: `paragraph ` in `paragraph 43`, `paras.\n` before a number on the next line. */
export interface ReferenceWord {
  readonly index: number;
  /** The word with the spaces and line break after it. */
  readonly text: string;
  readonly word: string;
}

/**
 * The reference words that start in [from, to), as a scan of the whole text finds them there. A word and the number
 * after it span at most two lines, so for lines read again after an edit the line before and after are enough, and the
 * numbers that may follow a word in [from, to) end by the end of the line `to` begins.
 */
export function findReferenceWords(text: string, from = 0, to = text.length): ReferenceWord[] {
  const words: ReferenceWord[] = [];
  const lineAfter = to >= text.length ? -1 : text.indexOf('\n', to);
  const numbersEnd = lineAfter < 0 ? text.length : lineAfter + 1;
  // Numbers are looked for in [from, numbersEnd) only: on the whole text, a search would run on past it to the next number.
  const scanned = from > 0 || numbersEnd < text.length ? text.slice(from, numbersEnd) : text;
  const nextDigit = anyCharFinder(scanned, DIGITS);
  for (let digit = nextDigit(0), after = 0; digit >= 0; digit = nextDigit(after)) {
    const at = from + digit;
    for (after = digit + 1; isDigit(scanned.charCodeAt(after)); ) after++;
    const wordEnd = startOfGapBefore(text, at);
    // The earliest place a word can begin that reads as one up to this number: as a scan from the start would find it.
    for (let p = Math.max(from, wordEnd - LONGEST_WORD); p <= wordEnd - SHORTEST_WORD && p < to; p++) {
      if (!beginsReferenceWord(text, p)) continue;
      REFERENCE_WORD.lastIndex = p;
      const m = REFERENCE_WORD.exec(text);
      if (m && m.index + m[0].length === at) {
        words.push({ index: m.index, text: m[0], word: m[1] });
        break;
      }
    }
  }
  return words;
}

/** Where the spaces between a reference word and its number (`[ \t\u00a0]*`, then maybe a line break and `[ \t]*`) begin. */
function startOfGapBefore(text: string, at: number): number {
  let q = at;
  while (q > 0 && isTabOrSpace(text.charCodeAt(q - 1))) q--;
  if (q > 0 && text.charCodeAt(q - 1) === 10) {
    q--;
    if (q > 0 && text.charCodeAt(q - 1) === 13) q--;
  }
  while (q > 0 && (isTabOrSpace(text.charCodeAt(q - 1)) || text.charCodeAt(q - 1) === 0xa0)) q--;
  return q;
}

function isTabOrSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** `par`, `art` or `sub` in any case (`ſ` is how Unicode case folding also writes `s`): where a reference word can begin. */
function beginsReferenceWord(text: string, p: number): boolean {
  const first = text.charCodeAt(p);
  const a = first | 32;
  const b = text.charCodeAt(p + 1) | 32;
  const c = text.charCodeAt(p + 2) | 32;
  if (a === 112) return b === 97 && c === 114;
  if (a === 97) return b === 114 && c === 116;
  return (a === 115 || first === 0x17f) && b === 117 && c === 98;
}

/** `of this Agreement`, `of the present resolution`: the draft itself, so the reference stays internal (NOTATION §5). */
const THIS_DOCUMENT = /^(?:this|the\s+present)\s+(agreement|convention|protocol|declaration|document|article|resolution|decision|annex|instrument|text|outcome\s+document|treaty|charter)\b/iu;

interface ListItem {
  span: TextSpan;
  number: DraftNumber;
  sub?: string;
  rangeWith?: number;
}

export interface ReferenceContext {
  readonly hasArticles: boolean;
  /** Offsets where an article label stands: `Article 5` there is a heading, not a reference. */
  readonly articleLabelStarts: ReadonlySet<number>;
  /** The article an offset stands in. */
  readonly articleAt: (offset: number) => Article | undefined;
}

/**
 * Finds every cross-reference in the prose. Each number of a list or range is its own reference, so a rename
 * touches exactly the digits written. Never resolves; see `resolveReferences`.
 */
export function findReferences(text: string, context: ReferenceContext, words: readonly ReferenceWord[] = findReferenceWords(text)): Reference[] {
  return readPhrases(text, context, words, 0, words.length, 0).refs;
}

/**
 * The references of a draft after an edit, the phrases before and after the lines read again kept from the analysis
 * before it (`kept.after` already moved), the words in [kept.from, kept.to) read again: or undefined when a phrase runs
 * across either end, where a whole reading is needed. A phrase is read from its word forward and never past a label
 * line (a list stays on its line; `of` and the name after it stop where a line opens with a label), and the lines read
 * again begin and end at label lines, so no phrase outside them read the edited text.
 */
export function findReferencesAround(text: string, context: ReferenceContext, words: readonly ReferenceWord[], kept: KeptReferences): Reference[] | undefined {
  const last = lastOf(kept.before);
  const next = last ? last.phrase.end : 0;
  if (next > kept.from) return undefined;
  const first = firstFrom(words, (w) => w.index, kept.from);
  const window = readPhrases(text, context, words, first, firstFrom(words, (w) => w.index, kept.to), next);
  if (window.next > kept.to) return undefined;
  return kept.before.concat(window.refs, kept.after);
}

/** References kept over an edit, and where the words are read again (offsets of the edited text). */
export interface KeptReferences {
  /** Those whose phrases end before `from`. */
  readonly before: Reference[];
  /** Those whose phrases start at or after `to`, moved with the text. */
  readonly after: Reference[];
  readonly from: number;
  readonly to: number;
}

/**
 * The references of words[first, last), `next` being where the phrase before them ended (a word inside a phrase is
 * part of it); and where the last phrase read ends.
 */
function readPhrases(text: string, context: ReferenceContext, words: readonly ReferenceWord[], first: number, last: number, start: number): { refs: Reference[]; next: number } {
  const refs: Reference[] = [];
  let next = start;
  for (let w = first; w < last; w++) {
    const found = words[w];
    // Words inside a phrase already read (`paragraphs 3 and paragraph 4 of …`) are part of it.
    if (found.index < next) continue;
    const wordEnd = found.index + found.text.length;
    next = wordEnd;
    if (context.articleLabelStarts.has(found.index)) continue;
    // `paragraph` at the end of a line and `10.` starting the next: that number is the next paragraph's label.
    if (found.text.includes('\n') && startsLabel(text, wordEnd)) continue;
    // Of the reference words only `article`, `arts.` and the like begin with an `a` (no other letter folds to it).
    const isArticle = (found.word.charCodeAt(0) | 0x20) === 0x61;
    const abbreviated = isArticle && found.word.endsWith('.');
    const list = readList(text, wordEnd, !isArticle);
    if (list.items.length === 0) continue;
    let end = list.end;
    const phraseStart = found.index;
    const standsIn = context.articleAt(found.index);
    const pending: Array<{ kind: ReferenceTarget; items: ListItem[]; article?: DraftNumber; explicit: boolean }> = [];

    if (isArticle) {
      pending.push({ kind: 'article', items: list.items, explicit: false });
      // `Article 5, paragraph 2`: the paragraph of that article.
      const follow = /^,?[ \t]+(?:sub-?)?(?:paragraphs?|paras?\.?)[ \t]+(?=\d)/iu.exec(text.slice(end, end + 30));
      if (follow && list.items.length === 1) {
        const paras = readList(text, end + follow[0].length, true);
        if (paras.items.length > 0) {
          pending.push({ kind: 'paragraph', items: paras.items, article: list.items[0].number, explicit: true });
          end = paras.end;
        }
      }
    } else {
      pending.push({ kind: 'paragraph', items: list.items, explicit: false });
    }

    // What follows `of`: this draft, another article of it, or another document.
    let external: string | undefined;
    const ofMatch = followedByOf(text, end) ? /^[ \t\r\n]+of([ \t\r\n]+)/iu.exec(text.slice(end, end + 12)) : null;
    // `paragraph 3 of` ending a line before `5. …`: that line is a paragraph of its own, not the document's name.
    const of = ofMatch && !(/[\r\n]/.test(ofMatch[1]) && startsLabel(text, end + ofMatch[0].length)) ? ofMatch : null;
    if (of) {
      const after = end + of[0].length;
      const rest = text.slice(after, after + 200);
      const thisDoc = THIS_DOCUMENT.exec(rest);
      const ofArticle = /^(?:article|art\.)[ \t]+(?=\d)/iu.exec(rest);
      if (thisDoc) {
        end = after + thisDoc[0].length;
      } else if (ofArticle && !isArticle && context.hasArticles) {
        const articleList = readList(text, after + ofArticle[0].length, false);
        const tail = /^[ \t\r\n]+of[ \t\r\n]+/iu.exec(text.slice(articleList.end, articleList.end + 12));
        if (articleList.items.length === 1 && (!tail || THIS_DOCUMENT.test(text.slice(articleList.end + tail[0].length, articleList.end + tail[0].length + 60)))) {
          const articleNumber = articleList.items[0].number;
          for (const p of pending) if (p.kind === 'paragraph') {
            p.article = articleNumber;
            p.explicit = true;
          }
          pending.push({ kind: 'article', items: articleList.items, explicit: false });
          end = articleList.end;
        } else {
          external = documentName(text, tail ? articleList.end + tail[0].length : after);
        }
      } else {
        external = documentName(text, after);
      }
    }
    // `Art. 85` is prose unless it names another document; so is `Article 5` in a draft without articles.
    if (external === undefined && (abbreviated || (isArticle && !context.hasArticles))) {
      next = Math.max(next, end);
      continue;
    }

    const phrase = { start: phraseStart, end };
    for (const group of pending) {
      for (const item of group.items) {
        const other = item.rangeWith !== undefined ? group.items[item.rangeWith].number : undefined;
        refs.push({
          kind: group.kind,
          span: item.span,
          phrase,
          number: item.number,
          sub: item.sub,
          articleNumber: group.article ?? (group.kind === 'paragraph' && context.hasArticles ? standsIn?.number : undefined),
          articleExplicit: group.explicit,
          external,
          rangeEnd: other,
        });
      }
    }
    next = Math.max(next, end);
  }
  return { refs, next };
}

/** Whether spaces or line breaks and then `of` follow `offset`: the cheap test before the expression that reads them. */
function followedByOf(text: string, offset: number): boolean {
  let p = offset;
  while (p < offset + 12 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13)) p++;
  return p > offset && (text.charCodeAt(p) | 0x20) === 0x6f;
}

/** Whether the line holding `offset` (its first non-blank character) starts a block. */
function startsLabel(text: string, offset: number): boolean {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = offset;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  return readLineLabel(text, lineStart, lineEnd) !== undefined;
}

/** `43`, `43 and 45`, `43 to 47`, `43-47`, `43, 44 and 46`, `71 (b)`, `71 b)`, `61 bis`. */
function readList(text: string, start: number, allowSub: boolean): { items: ListItem[]; end: number } {
  const items: ListItem[] = [];
  let p = start;
  let end = start;
  let rangeNext = false;
  for (;;) {
    const read = readNumber(text, p, Math.min(text.length, p + 24));
    if (!read) break;
    const after = text.charCodeAt(read.end);
    // `57/239`, `1.5`, `2,000`, `5th` are not references.
    if (after === 47 || isLetter(after) || isDigit(after)) break;
    if ((after === 46 || after === 44) && isDigit(text.charCodeAt(read.end + 1))) break;
    const item: ListItem = { span: { start: p, end: read.end }, number: read.number };
    let q = read.end;
    // The expressions below are tried only where their first character stands: most numbers end a phrase.
    const next = text.charCodeAt(q);
    if (allowSub && (next === 32 || next === 40)) {
      const sub = /^(?: ?\(([a-z]{1,4})\)| ([a-z]{1,4})\))/.exec(text.slice(q, q + 8));
      const letters = sub ? (sub[1] ?? sub[2]) : undefined;
      if (sub && letters && (letters.length === 1 || isRoman(letters))) {
        item.sub = letters;
        q += sub[0].length;
      }
    }
    if (rangeNext) {
      item.rangeWith = items.length - 1;
      items[items.length - 1].rangeWith = items.length;
    }
    items.push(item);
    end = q;
    const first = text.charCodeAt(q);
    if (!(first === 32 || first === 9 || first === 44 || first === 45 || first === 0x2013 || first === 0x2014)) break;
    const sep = /^(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+|[ \t]*[-–—][ \t]*|[ \t]+to[ \t]+)(?=\d)/u.exec(text.slice(q, q + 12));
    if (!sep) break;
    rangeNext = /[-–—]|to/.test(sep[0]);
    p = q + sep[0].length;
  }
  return { items, end };
}

/**
 * The name of the document an external reference points to: `Geneva Declaration of Principles`,
 * `resolution 57/239`, `2005 World Summit Outcome`. Takes the capitalised run after `of (the)`. Undefined when another
 * reference of this draft follows `of`: the reference before it is then internal.
 */
export function documentName(text: string, start: number): string | undefined {
  // A name ends where a bracket or parenthesis begins: `of resolution 57/239[paragraph 5 …` names resolution 57/239.
  let window = text.slice(start, start + 160).split(/[[\](){}]/u)[0];
  // The name ends where the next reference begins, even one glued to its last word (`Principles’paragraph 2`), whose
  // number a renumbering would change: that number is not part of the name.
  const nextReference = window.search(REFERENCE_IN_NAME);
  // `sub-paragraph 1 a) of paras 1 bis`: what follows `of` is another reference of this draft, not a document.
  if (nextReference === 0) return undefined;
  if (nextReference > 0) window = window.slice(0, nextReference);
  // A name does not run into the next block: cut it before a line that starts with a label.
  for (let nl = window.search(/[\r\n]/); nl >= 0; nl = nextBreak(window, nl + 1)) {
    if (startsLabel(text, start + nl + 1 + (window.slice(nl + 1).length - window.slice(nl + 1).trimStart().length))) {
      window = window.slice(0, nl);
      break;
    }
  }
  const rest = window.replace(/\s+/g, ' ');
  const tokens = rest.split(' ');
  const out: string[] = [];
  if (tokens[0] && /^the$/i.test(tokens[0])) tokens.shift();
  const isConnector = (t: string | undefined) => t !== undefined && CONNECTOR.test(t);
  for (let i = 0; i < tokens.length && out.length < 14; i++) {
    const raw = tokens[i];
    const token = raw.replace(/[,;:)\]]+$|\.$/u, '');
    const stops = token !== raw;
    let continues = out.length === 0 || /^[\p{Lu}\d“"]/u.test(token);
    if (!continues && isConnector(token)) {
      // `on the Law of the Sea`: connectors count when a capitalised word follows them.
      let j = i + 1;
      while (isConnector(tokens[j])) j++;
      continues = /^[\p{Lu}\d]/u.test(tokens[j] ?? '');
    }
    // `… of resolution 57/239 Paragraph 5a`: a reference word starts a new phrase, not more of the name.
    if (out.length > 0 && REFERENCE_TOKEN.test(token)) break;
    if (!continues) break;
    if (token !== '') out.push(token);
    if (stops) break;
  }
  while (out.length > 1 && isConnector(out[out.length - 1])) out.pop();
  return out.join(' ');
}

const CONNECTOR = /^(of|on|for|and|the|de|la|des|du|in|to)$/i;
const REFERENCE_TOKEN = new RegExp(`^(?:${REFERENCE_WORDS})$`, 'i');
const REFERENCE_IN_NAME = new RegExp(REFERENCE_WORD.source, 'iu');

function nextBreak(s: string, from: number): number {
  const i = s.slice(from).search(/[\r\n]/);
  return i < 0 ? -1 : from + i;
}

/**
 * Resolves internal references against the draft's numbering (NOTATION §5): a bare `paragraph 2` in an article
 * means that article's paragraph; in a draft of plain ¶s it means the second ¶. External ones stay unresolved.
 */
export function resolveReferences(refs: Reference[], index: NumberIndex, paragraphs: readonly Paragraph[], numbered: boolean, problems: Problem[]): void {
  const positional = numbered ? undefined : paragraphs.filter((p) => p.role === 'unnumbered');
  for (const ref of refs) {
    if (ref.external !== undefined) continue;
    // A reference kept over an edit is resolved again from nothing.
    ref.target = undefined;
    ref.targetItem = undefined;
    if (ref.kind === 'article') {
      ref.target = index.articles.get(numberKey(ref.number));
      if (!ref.target) problems.push(dangling(ref, `Article ${formatNumber(ref.number)} does not exist in this draft.`));
      continue;
    }
    if (positional) {
      ref.target = ref.number.suffix === '' ? positional[ref.number.value - 1] : undefined;
      if (!ref.target) problems.push(dangling(ref, `This draft has no paragraph ${formatNumber(ref.number)} (it has ${positional.length} paragraphs).`));
      continue;
    }
    let article: Article | undefined;
    if (ref.articleNumber) {
      article = index.articles.get(numberKey(ref.articleNumber));
      if (!article) {
        problems.push(dangling(ref, `Article ${formatNumber(ref.articleNumber)} does not exist in this draft.`));
        continue;
      }
    }
    const target = index.slot(article, ref.number);
    if (!target) {
      // Written only for a reference that dangles: a sentence for each of 3,000 references was most of what resolving
      // them again allocated on a keystroke.
      const where = article ? `${article.name} has no paragraph ${formatNumber(ref.number)}` : `Paragraph ${formatNumber(ref.number)} does not exist in this draft`;
      problems.push(dangling(ref, `${where}.`));
      continue;
    }
    ref.target = target;
    if (ref.sub !== undefined && 'role' in target) {
      const item = findSubItem(target.items, ref.sub);
      if (item) ref.targetItem = item;
      else problems.push(dangling(ref, `${capitalise(target.name)} has no sub-paragraph (${ref.sub}).`));
    }
  }
}

function dangling(ref: Reference, message: string): Problem {
  return { code: 'dangling-reference', span: ref.span, message };
}
