import { readFileSync } from 'node:fs';
import { analyseDraft } from './core/analyse';
import { normaliseSettings, type TreatySettings } from './core/settings';
import { draftDiagnostics } from './features/diagnostics';
import { negotiationStatus } from './features/status';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

const USAGE = `Usage:
  treaty-draft lint FILE... [--json] [--settings SETTINGS.json]
  treaty-draft status FILE [--json] [--settings SETTINGS.json]

lint    prints FILE:LINE:COL: severity code message for each problem;
        exits 1 if any error was found, 0 otherwise, 2 if a file could not be read.
status  prints the paragraphs agreed, open and pending and the bracket, alternative and option counts.
--settings reads a VS Code settings.json (treaty.* keys) or a { "treaty": { ... } } file.`;

const SEVERITY_NAMES: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  readFile: (path: string) => Buffer;
}

/** Runs the command line and returns the exit code; all output goes through `io`, so tests can run it in-process. */
export function runCli(argv: readonly string[], io: Io): number {
  const args = [...argv];
  const json = takeFlag(args, '--json');
  let settings: TreatySettings;
  try {
    const settingsIndex = args.indexOf('--settings');
    if (settingsIndex >= 0 && (args[settingsIndex + 1] === undefined || args[settingsIndex + 1].startsWith('--'))) {
      throw new Error('--settings needs a file: --settings SETTINGS.json');
    }
    settings = readSettings(takeOption(args, '--settings'), io);
  } catch (error) {
    io.err(`treaty-draft: ${(error as Error).message}`);
    return 2;
  }
  const [command, ...files] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if ((command !== 'lint' && command !== 'status') || files.length === 0 || (command === 'status' && files.length !== 1)) {
    io.err(USAGE);
    return 2;
  }
  const unknown = files.find((f) => f.startsWith('--'));
  if (unknown) {
    io.err(`treaty-draft: unknown option ${unknown}\n${USAGE}`);
    return 2;
  }

  let unreadable = false;
  let errors = false;
  const reports: Array<{ file: string; diagnostics: ReturnType<typeof draftDiagnostics> }> = [];
  for (const file of files) {
    const text = readDraft(file, io);
    if (text === undefined) {
      if (command === 'status') return 2;
      unreadable = true;
      continue;
    }
    const draft = analyseDraft(text, { agreedMarkers: settings.agreedMarkers });
    if (draft.internalError) io.err(`treaty-draft: internal error while reading ${file}: ${draft.internalError}`);
    if (command === 'status') {
      const status = negotiationStatus(draft);
      io.out(json ? JSON.stringify(status, null, 2) : formatStatus(status));
      return unreadable ? 2 : 0;
    }
    const diagnostics = draftDiagnostics(draft, settings);
    if (diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) errors = true;
    reports.push({ file, diagnostics });
    if (!json) {
      for (const d of diagnostics) {
        io.out(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY_NAMES[d.severity ?? 1]} ${d.code} ${d.message}`);
      }
    }
  }
  if (json) io.out(JSON.stringify(reports, null, 2));
  return unreadable ? 2 : errors ? 1 : 0;
}

function readDraft(file: string, io: Io): string | undefined {
  try {
    const text = new TextDecoder('utf-8').decode(io.readFile(file));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(`treaty-draft: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
    return undefined;
  }
}

function readSettings(path: string | undefined, io: Io): TreatySettings {
  if (path === undefined) return normaliseSettings({});
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8').decode(io.readFile(path)));
  } catch (error) {
    throw new Error(`cannot read settings ${path}: ${(error as Error).message}`);
  }
  return normaliseSettings(treatySection(raw));
}

/** Accepts `{ "treaty": {...} }` or VS Code's flat `{ "treaty.diagnostics.placeholder": "off" }`. */
function treatySection(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return {};
  const obj = raw as Record<string, unknown>;
  if (typeof obj.treaty === 'object') return obj.treaty;
  const nested: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (!key.startsWith('treaty.')) continue;
    const path = key.slice('treaty.'.length).split('.');
    let at = nested;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]] = value;
  }
  return nested;
}

function formatStatus(s: ReturnType<typeof negotiationStatus>): string {
  return [
    `paragraphs: ${s.paragraphs.agreed} agreed, ${s.paragraphs.open} open, ${s.paragraphs.pending} pending`,
    `bracket pairs: ${s.bracketPairs}`,
    `unresolved brackets: ${s.unresolvedBrackets}`,
    `alternative groups: ${s.alternativeGroups}`,
    `option groups: ${s.optionGroups}`,
  ].join('\n');
}

function takeFlag(args: string[], flag: string): boolean {
  const i = args.indexOf(flag);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

function takeOption(args: string[], option: string): string | undefined {
  const i = args.indexOf(option);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

if (require.main === module) {
  const code = runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    readFile: (p) => readFileSync(p),
  });
  process.exitCode = code;
}
