import type { DraftNumber } from './numberForms';
import type { LineIndex } from './lineIndex';
import type { DiagnosticCode } from './diagnosticCodes';
import type { BracketTable } from './bracketTable';

/** Half-open range of UTF-16 offsets into the draft's text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export type BlockKind =
  | 'text' // lines before the first label, or after a rule, that start nothing
  | 'heading'
  | 'article'
  | 'paragraph'
  | 'subparagraph'
  | 'alternative'
  | 'option'
  | 'bullet'
  | 'rule';

export type HeadingKind = 'part' | 'chapter' | 'section' | 'numbered' | 'lettered' | 'unnumbered';

/** What a block's label says, by kind. */
export type Label =
  | { kind: 'paragraph'; number: DraftNumber; numberSpan: TextSpan; terminator: '.' | ')' }
  | { kind: 'heading'; headingKind: HeadingKind; number?: string; numberSpan?: TextSpan; title: string }
  | { kind: 'article'; number: DraftNumber; numberSpan: TextSpan; title: string }
  | { kind: 'subparagraph'; letter: string; variant?: number; style: 'paren' | 'close' | 'dot' }
  | {
      kind: 'alternative';
      index: number;
      indexSpan: TextSpan;
      target: DraftNumber;
      targetSpan: TextSpan;
      targetSub?: string;
    }
  | { kind: 'option'; index: string }
  | { kind: 'bullet' }
  | { kind: 'rule' }
  | { kind: 'text' };

/**
 * A run of lines that one label starts (NOTATION §1). `span` runs from the first `[` or label character
 * to the end of the block's last non-blank line.
 */
export interface Block {
  readonly index: number;
  kind: BlockKind;
  label: Label;
  readonly span: TextSpan;
  /** The label itself (`61 bis.`, `(a)`, `Alt 2 61.`, `Article 5`), without leading brackets. */
  readonly labelSpan: TextSpan;
  /** Number of `[` written before the label. */
  readonly leadingBrackets: number;
  readonly firstLine: number;
  readonly lastLine: number;
  /** A ¶ of a draft without numbered paragraphs, cut at blank lines. */
  readonly unnumbered: boolean;
}

/**
 * One bracket pair, as features read it: a view of a row of the draft's `BracketTable`, where the analysis keeps its
 * brackets as columns of numbers.
 */
export interface BracketSpan {
  /** The bracket's row in its table. */
  readonly row: number;
  readonly open: number;
  /** Offset of the matching `]`, or -1 when the `[` was never closed. */
  readonly close: number;
  /** Offset just after the `]`, or where an unclosed `[` was closed for recovery (the end of its block). */
  readonly end: number;
  readonly depth: number;
  readonly parent?: BracketSpan;
  readonly children: readonly BracketSpan[];
  /** The slash options at this bracket's own level, when there are two or more. */
  readonly options: readonly TextSpan[];
  readonly placeholder: boolean;
  readonly empty: boolean;
  /** The run of adjacent brackets this one belongs to, when it touches another (`[75][85]`). */
  readonly run?: BracketRun;
  readonly block: number;
}

/** Two brackets or more touching with no space between them, offered as alternatives to each other (`[75][85]`). */
export interface BracketRun {
  readonly spans: BracketSpan[];
  readonly start: number;
  readonly end: number;
}

export type ParagraphStatus = 'agreed' | 'open' | 'pending';

export interface AgreedMarker {
  readonly span: TextSpan;
  readonly text: string;
}

/** A sub-paragraph, bullet, option or sub-paragraph alternative inside a paragraph. */
export interface Item {
  readonly block: Block;
  /** 1 for letters, bullets and options; 2 for roman numerals under a letter. */
  level: number;
  /** Roman or letter, once the sequence has decided what `i)` is. */
  numbering: 'letter' | 'roman' | 'other';
  parent?: Item;
  children: Item[];
  span: TextSpan;
  marker?: AgreedMarker;
  /** For a sub-paragraph that has alternatives, or is one (`Alt 71 g1)`, `g2)`): its group. */
  group?: AlternativeGroup;
}

export type ParagraphRole = 'paragraph' | 'alternative' | 'article-body' | 'unnumbered';

/** A paragraph-level unit of text: a numbered paragraph, an `Alt` text, an article's unnumbered body or a ¶ of an unnumbered draft. */
export interface Paragraph {
  readonly id: number;
  readonly role: ParagraphRole;
  readonly block: Block;
  /** The paragraph's number; for an alternative, the number of its target. */
  readonly number?: DraftNumber;
  /** Position among unnumbered paragraphs (¶1, ¶2 …). */
  readonly position?: number;
  article?: Article;
  heading?: Heading;
  items: Item[];
  span: TextSpan;
  marker?: AgreedMarker;
  optionGroups: OptionGroup[];
  /** For an original that has alternatives, or for an alternative: its group. */
  group?: AlternativeGroup;
  status: ParagraphStatus;
  /** Drafter's name: `paragraph 61 bis`, `Article 5, paragraph 2`, `Alt 2 to paragraph 61`, `¶3`. */
  name: string;
}

export interface AlternativeGroup {
  readonly id: number;
  /** The scope (article) and the target number; `sub` for a sub-paragraph's alternatives (`Alt 71 g1)`). */
  readonly target: DraftNumber;
  readonly sub?: string;
  readonly article?: Article;
  /** The original paragraph (or sub-paragraph item), when it exists. */
  original?: Paragraph | Item;
  /** The alternatives in document order. */
  readonly alternatives: Array<Paragraph | Item>;
  /** The alternatives' own indices, parallel to `alternatives`. */
  readonly indices: number[];
  orphan: boolean;
  name: string;
}

export interface OptionGroup {
  readonly paragraph: Paragraph;
  readonly options: Item[];
  readonly span: TextSpan;
}

export interface Heading {
  readonly block: Block;
  readonly headingKind: HeadingKind;
  readonly number?: string;
  readonly title: string;
  /** Smaller is higher: parts contain chapters contain sections contain numbered headings. */
  readonly rank: number;
  parent?: Heading;
  children: Heading[];
  span: TextSpan;
  name: string;
}

export interface Article {
  readonly block: Block;
  readonly number: DraftNumber;
  readonly title: string;
  heading?: Heading;
  paragraphs: Paragraph[];
  span: TextSpan;
  name: string;
}

export type ReferenceTarget = 'paragraph' | 'article';

/** One number written in a cross-reference: `paras 43 and 45` holds two. */
export interface Reference {
  readonly kind: ReferenceTarget;
  /** The digits and suffix that a rename would change. */
  readonly span: TextSpan;
  /** The whole phrase it stands in (`paragraphs 43 to 47 of the Geneva Declaration`). */
  readonly phrase: TextSpan;
  readonly number: DraftNumber;
  readonly sub?: string;
  /** The article named explicitly (`Article 5, paragraph 2`), or the one the reference stands in. */
  readonly articleNumber?: DraftNumber;
  readonly articleExplicit: boolean;
  /** The document an external reference names. */
  readonly external?: string;
  /** For the two ends of `43 to 47`: the other end. */
  readonly rangeEnd?: DraftNumber;
  /** What it resolved to, inside this draft. */
  target?: Paragraph | Article | AlternativeGroup;
  targetItem?: Item;
}

export interface Problem {
  readonly code: DiagnosticCode;
  readonly span: TextSpan;
  /**
   * What the drafter reads, or, for a problem that quotes the draft at its span, how to write it from the text
   * (`problemMessage` in core/quotations.ts gives the words either way). A 1 MB draft has some 14,000 unresolved brackets
   * and most are never shown: quoting each while analysing was a fifth of a full analysis.
   */
  readonly message: string | Quotation;
  readonly related?: Array<{ span: TextSpan; message: string }>;
}

/**
 * A message that quotes the problem's own span: `before`, the quoted text, `after`. A `shortened` quotation folds
 * white space and shows only the start of a long span. The span's text moves with the problem, so the words come out
 * the same whenever they are written.
 */
export interface Quotation {
  readonly before: string;
  readonly after: string;
  readonly shortened: boolean;
}

export interface Draft {
  readonly text: string;
  readonly lines: LineIndex;
  readonly blocks: Block[];
  /** Every bracket, matched or recovered, ordered by its `[`. */
  readonly brackets: BracketTable;
  readonly paragraphs: Paragraph[];
  readonly headings: Heading[];
  readonly articles: Article[];
  readonly alternativeGroups: AlternativeGroup[];
  readonly optionGroups: OptionGroup[];
  readonly markers: AgreedMarker[];
  readonly references: Reference[];
  readonly problems: Problem[];
  /** True when the draft numbers its paragraphs; false for a chair's statement of plain ¶s. */
  readonly numbered: boolean;
}
