import { isRoman, romanValue, numberKey, formatNumber, type DraftNumber } from './numberForms';
import { lastOf } from './lastOf';
import { moveSpan } from './spanSearch';
import type {
  AgreedMarker,
  Article,
  Block,
  Heading,
  HeadingKind,
  Item,
  Paragraph,
  ParagraphRole,
  TextSpan,
} from './model';

export interface Structure {
  paragraphs: Paragraph[];
  headings: Heading[];
  articles: Article[];
  /** Items standing outside any paragraph (a list under a preamble). */
  looseItems: Item[];
}

const HEADING_RANK: Record<HeadingKind, number> = { part: 0, chapter: 1, section: 2, lettered: 3, unnumbered: 3, numbered: 4 };

/**
 * Walks the blocks once and builds what a drafter sees: headings nesting by rank, articles, paragraphs with their
 * sub-paragraphs (roman numerals under letters), options and bullets. Markers are assigned afterwards
 * (`assignEndMarkers`): the structure depends on labels only.
 */
export function buildStructure(text: string, blocks: readonly Block[]): Structure {
  const paragraphs: Paragraph[] = [];
  const headings: Heading[] = [];
  const articles: Article[] = [];
  const looseItems: Item[] = [];
  let headingStack: Heading[] = [];
  let article: Article | undefined;
  let paragraph: Paragraph | undefined;
  let letterItem: Item | undefined;
  let lastRoman: Item | undefined;
  let option: Item | undefined;
  let unnumberedCount = 0;

  const newParagraph = (block: Block, role: ParagraphRole, number?: DraftNumber, position?: number): Paragraph => {
    const p: Paragraph = {
      id: paragraphs.length,
      role,
      block,
      number,
      position,
      article,
      heading: lastOf(headingStack),
      items: [],
      span: block.span,
      marker: undefined,
      optionGroups: [],
      status: 'pending',
      name: '',
    };
    p.name = paragraphName(p, block);
    paragraphs.push(p);
    if (article) article.paragraphs.push(p);
    letterItem = undefined;
    lastRoman = undefined;
    option = undefined;
    return p;
  };

  for (const block of blocks) {
    const label = block.label;
    switch (label.kind) {
      case 'heading': {
        const lettered = label.headingKind === 'numbered' && /[a-z]$/i.test(label.number ?? '');
        const rank = HEADING_RANK[label.headingKind] + (lettered ? 1 : 0);
        // `3a` nests inside `3`, not inside whatever numbered heading came last (NOTATION §1).
        const parentNumber = lettered ? (label.number ?? '').replace(/[a-z]$/i, '') : undefined;
        const outranks = (h: Heading) => h.rank >= rank || (parentNumber !== undefined && h.headingKind === 'numbered' && h.number !== parentNumber);
        while (headingStack.length > 0 && outranks(headingStack[headingStack.length - 1])) headingStack.pop();
        const heading: Heading = {
          block,
          headingKind: label.headingKind,
          number: label.number,
          title: label.title,
          rank,
          parent: lastOf(headingStack),
          children: [],
          span: block.span,
          name: headingName(label.headingKind, label.number, label.title),
        };
        heading.parent?.children.push(heading);
        headings.push(heading);
        headingStack = [...headingStack, heading];
        article = undefined;
        paragraph = undefined;
        break;
      }
      case 'article': {
        article = {
          block,
          number: label.number,
          title: label.title,
          heading: lastOf(headingStack),
          paragraphs: [],
          span: block.span,
          name: `Article ${formatNumber(label.number)}`,
        };
        articles.push(article);
        paragraph = hasArticleBody(text, block, label.title) ? newParagraph(block, 'article-body') : undefined;
        break;
      }
      case 'paragraph':
        paragraph = block.unnumbered
          ? newParagraph(block, 'unnumbered', undefined, ++unnumberedCount)
          : newParagraph(block, 'paragraph', label.number);
        break;
      case 'alternative':
        if (label.targetSub === undefined || !paragraph) {
          paragraph = newParagraph(block, 'alternative', label.target);
        } else {
          attach(newItem(block, 1, 'other'));
        }
        break;
      case 'subparagraph': {
        if (!paragraph && article) paragraph = newParagraph(block, 'article-body');
        const numbering = decideNumbering(label.letter, label.variant, letterItem, lastRoman);
        if (numbering === 'roman') {
          const item = newItem(block, letterItem ? 2 : 1, 'roman');
          if (letterItem) nest(letterItem, item);
          else attach(item);
          lastRoman = item;
        } else {
          const item = newItem(block, 1, 'letter');
          attach(item);
          letterItem = item;
          lastRoman = undefined;
        }
        break;
      }
      case 'option': {
        const item = newItem(block, 1, 'other');
        option = undefined;
        attach(item);
        option = item;
        letterItem = undefined;
        lastRoman = undefined;
        break;
      }
      case 'bullet':
        attach(newItem(block, 1, 'other'));
        break;
      case 'rule':
      case 'text':
        paragraph = undefined;
        letterItem = undefined;
        lastRoman = undefined;
        option = undefined;
        break;
    }
  }

  function newItem(block: Block, level: number, numbering: Item['numbering']): Item {
    return { block, level, numbering, children: [], span: block.span, marker: undefined };
  }
  function attach(item: Item): void {
    if (option && item.block.kind !== 'option') {
      nest(option, item);
      return;
    }
    if (paragraph) paragraph.items.push(item);
    else looseItems.push(item);
  }
  function nest(parent: Item, child: Item): void {
    child.parent = parent;
    child.level = parent.level + 1;
    parent.children.push(child);
  }

  finishSpans(paragraphs, headings, articles, blocks);
  return { paragraphs, headings, articles, looseItems };
}

/**
 * `i)` after `h)` is a letter; after `a)` it opens roman numerals; `v)` after `iv)` continues them.
 */
function decideNumbering(letters: string, variant: number | undefined, letterItem: Item | undefined, lastRoman: Item | undefined): 'letter' | 'roman' {
  if (variant !== undefined || !isRoman(letters)) return 'letter';
  const lastLetter = letterItem && letterItem.block.label.kind === 'subparagraph' ? letterItem.block.label.letter : undefined;
  const lastRomanText = lastRoman && lastRoman.block.label.kind === 'subparagraph' ? lastRoman.block.label.letter : undefined;
  if (lastRomanText !== undefined && romanValue(letters) === romanValue(lastRomanText) + 1) return 'roman';
  if (letters.length === 1 && lastLetter !== undefined && lastLetter.length === 1 && lastLetter.charCodeAt(0) + 1 === letters.charCodeAt(0)) {
    return 'letter';
  }
  if (letters.length > 1 || letters === 'i') return 'roman';
  return lastRomanText !== undefined ? 'roman' : 'letter';
}

export function hasArticleBody(text: string, block: Block, title: string): boolean {
  const afterLabel = text.slice(block.labelSpan.end, block.span.end).trim();
  if (afterLabel === '') return false;
  const withoutTitle = title && afterLabel.includes(title) ? afterLabel.slice(afterLabel.indexOf(title) + title.length).trim() : afterLabel;
  return withoutTitle.replace(/^[–—:\-.]\s*/, '').trim() !== '';
}

/**
 * Each paragraph and item takes the marker that ends its last block. A paragraph ending with an item shares that
 * item's marker object, which is how status tells the paragraph's own marker from an item's. For the paragraphs
 * [from, to) only, when a re-analysis keeps the others' markers.
 */
export function assignEndMarkers(paragraphs: readonly Paragraph[], endMarkers: ReadonlyArray<AgreedMarker | undefined>, from = 0, to = paragraphs.length): void {
  let last = 0;
  const visit = (items: readonly Item[]) => {
    for (const item of items) {
      item.marker = endMarkers[item.block.index];
      if (item.block.index > last) last = item.block.index;
      visit(item.children);
    }
  };
  for (let i = from; i < to; i++) {
    const p = paragraphs[i];
    last = p.block.index;
    visit(p.items);
    p.marker = endMarkers[last];
  }
}

/**
 * Paragraph, item, heading and article spans from their blocks': run again whenever blocks move. `inPlace` sets the
 * span objects an earlier run made instead of making new ones (a re-analysis that kept the structure: on every
 * keystroke, new spans for all 3,000 paragraphs and items of 1 MB were a twentieth of its garbage). The first run must
 * not be in place: a span there is still its block's. In place, the paragraphs before `fromParagraph`, whose blocks
 * did not change, keep their spans; those from `movedFrom` on lie wholly after the edit, whose blocks moved by
 * `delta`, and their spans and their items' are moved, not read again from their blocks (on 1 MB, a thousand
 * paragraphs' blocks and items read on every keystroke).
 */
export function finishSpans(paragraphs: Paragraph[], headings: Heading[], articles: Article[], blocks: readonly Block[], inPlace = false, fromParagraph = 0, movedFrom = paragraphs.length, delta = 0): void {
  const place = (holder: { span: TextSpan }, start: number, end: number) => {
    if (inPlace) {
      const span = holder.span as { start: number; end: number };
      span.start = start;
      span.end = end;
    } else {
      holder.span = { start, end };
    }
  };
  const itemEnd = (item: Item): number => {
    let end = item.block.span.end;
    for (const child of item.children) end = Math.max(end, itemEnd(child));
    place(item, item.block.span.start, end);
    return end;
  };
  const moveItem = (item: Item): void => {
    moveSpan(item.span, delta);
    for (const child of item.children) moveItem(child);
  };
  const movedAfter = inPlace ? Math.max(fromParagraph, movedFrom) : paragraphs.length;
  for (let i = movedAfter; i < paragraphs.length && delta !== 0; i++) {
    const p = paragraphs[i];
    moveSpan(p.span, delta);
    for (const item of p.items) moveItem(item);
  }
  for (let i = inPlace ? fromParagraph : 0; i < movedAfter; i++) {
    const p = paragraphs[i];
    let end = p.block.span.end;
    for (const item of p.items) end = Math.max(end, itemEnd(item));
    place(p, p.block.span.start, end);
  }
  // A heading runs to the block before the next heading of the same or a higher rank: found for all headings in one
  // pass from the end, keeping the headings still waiting for one.
  const later: Heading[] = [];
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i];
    while (later.length > 0 && later[later.length - 1].rank > h.rank) later.pop();
    const next = lastOf(later);
    const endBlock = next ? next.block.index - 1 : blocks.length - 1;
    place(h, h.block.span.start, blocks[Math.max(endBlock, h.block.index)].span.end);
    later.push(h);
  }
  // An article runs to the next article or heading.
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i];
    let endBlock = blocks.length - 1;
    for (let b = a.block.index + 1; b < blocks.length; b++) {
      if (blocks[b].kind === 'article' || blocks[b].kind === 'heading') {
        endBlock = b - 1;
        break;
      }
    }
    place(a, a.block.span.start, blocks[Math.max(endBlock, a.block.index)].span.end);
  }
}

function headingName(kind: HeadingKind, number: string | undefined, title: string): string {
  const prefix = kind === 'part' ? 'Part ' : kind === 'chapter' ? 'Chapter ' : kind === 'section' ? 'Section ' : '';
  const num = number ? `${prefix}${number}${prefix ? '' : '.'}` : '';
  return [num, title].filter((s) => s !== '').join(' ');
}

export function paragraphName(p: Paragraph, block: Block): string {
  const inArticle = p.article ? `${p.article.name}, ` : '';
  switch (p.role) {
    case 'unnumbered':
      return `¶${p.position}`;
    case 'article-body':
      return p.article ? p.article.name : `the text at line ${block.firstLine + 1}`;
    case 'alternative': {
      const label = block.label.kind === 'alternative' ? block.label : undefined;
      return `Alt ${label?.index ?? '?'} to ${inArticle}paragraph ${p.number ? formatNumber(p.number) : '?'}`;
    }
    default:
      return `${inArticle}paragraph ${p.number ? formatNumber(p.number) : '?'}`;
  }
}

/** The key of the numbering scope a paragraph belongs to: its article, or the draft. */
export function scopeKey(article: Article | undefined): string {
  return article ? `A${numberKey(article.number)}@${article.block.index}` : 'D';
}
