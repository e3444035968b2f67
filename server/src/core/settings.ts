import { DIAGNOSTIC_CODES, DIAGNOSTIC_DEFAULTS, type DiagnosticCode, type SeveritySetting } from './diagnosticCodes';

export const DEFAULT_AGREED_MARKERS = ['(Agreed)', '(agreed ad ref)', '(agreed ad referendum)'];

/** The `treaty` settings section, as the analysis and features need it. */
export interface TreatySettings {
  readonly agreedMarkers: readonly string[];
  readonly diagnostics: Readonly<Record<DiagnosticCode, SeveritySetting>>;
  readonly documents: Readonly<Record<string, string>>;
  readonly renumberBis: 'keep' | 'number';
}

export const DEFAULT_SETTINGS: TreatySettings = {
  agreedMarkers: DEFAULT_AGREED_MARKERS,
  diagnostics: { ...DIAGNOSTIC_DEFAULTS },
  documents: {},
  renumberBis: 'keep',
};

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);

/**
 * Settings arrive from editors as loose JSON; anything malformed falls back to the default
 * rather than failing, because a typo in settings.json must not switch the language off.
 */
export function normaliseSettings(raw: unknown): TreatySettings {
  const obj = isRecord(raw) ? raw : {};
  const markers = Array.isArray(obj.agreedMarkers)
    ? obj.agreedMarkers.filter((m): m is string => typeof m === 'string' && m.trim() !== '').map((m) => m.trim())
    : [];
  const rawDiagnostics = isRecord(obj.diagnostics) ? obj.diagnostics : {};
  const diagnostics = { ...DIAGNOSTIC_DEFAULTS } as Record<DiagnosticCode, SeveritySetting>;
  for (const code of DIAGNOSTIC_CODES) {
    const value = rawDiagnostics[code];
    if (typeof value === 'string' && SEVERITIES.has(value as SeveritySetting)) diagnostics[code] = value as SeveritySetting;
  }
  const documents: Record<string, string> = {};
  if (isRecord(obj.documents)) {
    for (const [name, file] of Object.entries(obj.documents)) if (typeof file === 'string') documents[name] = file;
  }
  const renumber = isRecord(obj.renumber) ? obj.renumber : {};
  return {
    agreedMarkers: markers.length > 0 ? markers : DEFAULT_AGREED_MARKERS,
    diagnostics,
    documents,
    renumberBis: renumber.bis === 'number' ? 'number' : 'keep',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
