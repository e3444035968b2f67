import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { AnalysedDraft } from '../core/analyse';
import { problemMessage } from '../core/quotations';
import { crossDraftProblems, type DraftLibrary } from './crossDraft';
import type { TreatySettings } from '../core/settings';
import type { SeveritySetting } from '../core/diagnosticCodes';

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The draft's problems as LSP diagnostics, with the severities the settings give (`off` drops a code). */
export function draftDiagnostics(draft: AnalysedDraft, settings: TreatySettings, uri?: string, library?: DraftLibrary): Diagnostic[] {
  const out: Diagnostic[] = [];
  const problems = library ? [...draft.problems, ...crossDraftProblems(draft, library)] : draft.problems;
  for (const problem of problems) {
    const setting = settings.diagnostics[problem.code];
    if (setting === 'off') continue;
    const diagnostic: Diagnostic = {
      range: draft.lines.rangeOf(problem.span),
      severity: SEVERITY[setting],
      code: problem.code,
      source: 'treaty',
      message: problemMessage(draft.text, problem),
    };
    if (uri && problem.related && problem.related.length > 0) {
      diagnostic.relatedInformation = problem.related.map(
        (r): DiagnosticRelatedInformation => ({ location: { uri, range: draft.lines.rangeOf(r.span) }, message: r.message }),
      );
    }
    out.push(diagnostic);
  }
  return out;
}
