/** The diagnostic codes of NOTATION §6 with their default severities: the contract other tools test against. */
export const DIAGNOSTIC_DEFAULTS = {
  'unclosed-bracket': 'error',
  'unmatched-bracket': 'error',
  'unresolved-bracket': 'warning',
  placeholder: 'information',
  'empty-bracket': 'warning',
  'agreed-with-brackets': 'error',
  'misplaced-marker': 'information',
  'duplicate-number': 'error',
  'numbering-gap': 'warning',
  'numbering-order': 'warning',
  'sublabel-gap': 'warning',
  'dangling-reference': 'warning',
  'orphan-alternative': 'warning',
  'alternative-numbering': 'warning',
  'encoding-damage': 'warning',
  'duplicate-sentence': 'information',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_DEFAULTS;
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTIC_DEFAULTS) as DiagnosticCode[];
