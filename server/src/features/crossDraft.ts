import { numberKey } from '../core/numberForms';
import { formatNumber } from '../core/numberForms';
import type { AnalysedDraft } from '../core/analyse';
import type { NumberedTarget } from '../core/occurrences';
import type { Problem, Reference } from '../core/model';

/** Another draft of the workspace, named by `treaty.documents`. */
export interface LinkedDraft {
  readonly name: string;
  readonly uri: string;
  readonly draft: AnalysedDraft;
}

/**
 * How features reach other drafts (NOTATION §5, other drafts of the workspace). Injected, so that features stay
 * pure: the server implements it over files, tests over strings.
 */
export interface DraftLibrary {
  /** The linked draft a document name designates, if `treaty.documents` names it. */
  find(documentName: string): LinkedDraft | undefined;
}

/** `the Geneva Declaration of Principles.` and `Geneva declaration of principles` are one name. */
export function normaliseDocumentName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^the /, '')
    .replace(/[.,;:]+$/, '')
    .trim();
}

/**
 * The configured name a reference's document name designates: the same name, or one that starts the other
 * (`Tunis Agenda` for `Tunis Agenda for the Information Society`).
 */
export function matchDocumentName(written: string, configured: readonly string[]): string | undefined {
  const w = normaliseDocumentName(written);
  if (w === '') return undefined;
  const exact = configured.find((c) => normaliseDocumentName(c) === w);
  if (exact) return exact;
  return configured.find((c) => {
    const n = normaliseDocumentName(c);
    return n.length > 0 && (n.startsWith(`${w} `) || w.startsWith(`${n} `));
  });
}

export interface ExternalTarget {
  readonly reference: Reference;
  readonly uri: string;
  readonly name: string;
  readonly draft: AnalysedDraft;
  readonly target?: NumberedTarget;
}

/** Resolves an external reference in the linked draft it names; never renamed, only read. */
export function resolveExternal(ref: Reference, library: DraftLibrary): ExternalTarget | undefined {
  if (ref.external === undefined) return undefined;
  const linked = library.find(ref.external);
  if (!linked) return undefined;
  const index = linked.draft.index;
  let target: NumberedTarget | undefined;
  if (ref.kind === 'article') {
    target = index.articles.get(numberKey(ref.number));
  } else {
    const article = ref.articleExplicit && ref.articleNumber ? index.articles.get(numberKey(ref.articleNumber)) : undefined;
    target = index.slot(article, ref.number);
  }
  return { reference: ref, uri: linked.uri, name: linked.name, draft: linked.draft, target };
}

export function externalTargetAt(draft: AnalysedDraft, offset: number, library: DraftLibrary): ExternalTarget | undefined {
  const ref = draft.references.find((r) => r.external !== undefined && r.span.start <= offset && offset <= r.span.end);
  return ref ? resolveExternal(ref, library) : undefined;
}

/** A reference into a linked draft that names a paragraph missing there is dangling, like an internal one. */
export function crossDraftProblems(draft: AnalysedDraft, library: DraftLibrary): Problem[] {
  const problems: Problem[] = [];
  for (const ref of draft.references) {
    const resolved = ref.external !== undefined ? resolveExternal(ref, library) : undefined;
    if (!resolved || resolved.target) continue;
    problems.push({
      code: 'dangling-reference',
      span: ref.span,
      message: `${resolved.name} has no ${ref.kind} ${formatNumber(ref.number)}.`,
    });
  }
  return problems;
}
