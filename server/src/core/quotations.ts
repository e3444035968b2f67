import type { Problem, Quotation } from './model';

/** The words of a problem's message, written from the draft's text when the message quotes it. */
export function problemMessage(text: string, problem: Problem): string {
  const message = problem.message;
  if (typeof message === 'string') return message;
  const quoted = message.shortened ? excerpt(text, problem.span.start, problem.span.end) : text.slice(problem.span.start, problem.span.end);
  return `${message.before}${quoted}${message.after}`;
}

const UNRESOLVED = 'Unresolved bracket ';
const PLAIN: Quotation = { before: UNRESOLVED, after: '.', shortened: true };
/**
 * One quotation per count, by count: there are tens of thousands of unresolved runs and only a handful of counts among
 * them, and a key made per run was itself a string per run.
 */
const byAlternatives: Quotation[] = [];
const byOptions: Quotation[] = [];

/**
 * `Unresolved bracket [the start of the run] (2 alternatives).`, for the unit an outermost bracket begins: a run of
 * `alternatives` touching brackets, or a lone bracket with `options` slash options.
 */
export function unresolvedQuotation(alternatives: number, options: number): Quotation {
  if (alternatives > 1) return (byAlternatives[alternatives] ??= counted(`${alternatives} alternatives`));
  return options > 1 ? (byOptions[options] ??= counted(`${options} options`)) : PLAIN;
}

function counted(count: string): Quotation {
  return { before: UNRESOLVED, after: ` (${count}).`, shortened: true };
}

export const PLACEHOLDER_QUOTATION: Quotation = { before: 'Placeholder ', after: ': text still to come.', shortened: false };

/** The start of [start, end) with its white space folded: never fold the white space of a whole bracketed paragraph. */
function excerpt(text: string, start: number, end: number): string {
  const raw = text.slice(start, Math.min(end, start + 120)).replace(/\s+/g, ' ') + (end - start > 120 ? '…' : '');
  return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
}
