import * as fs from 'node:fs';
import * as path from 'node:path';
import { applySpanEdits } from './core/spanEdits';
import { renumber, type RenumberOptions } from './features/renumber';
import { compareDrafts, comparisonReport } from './features/compare';
import { analyseDraft } from './core/analyse';
import { normaliseSettings, type TreatySettings } from './core/settings';
import { draftDiagnostics } from './features/diagnostics';
import { negotiationStatus } from './features/status';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

const USAGE = `Usage:
  treaty-draft lint FILE... [--json] [--settings SETTINGS.json]
  treaty-draft status FILE [--json] [--settings SETTINGS.json]
  treaty-draft renumber FILE [--write] [--json] [--article N] [--bis keep|number] [--settings SETTINGS.json]
  treaty-draft compare OLD NEW [--json] [--settings SETTINGS.json]

lint    prints FILE:LINE:COL: severity code message for each problem;
        exits 1 if any error was found, 0 otherwise, 2 if a file could not be read.
status  prints the paragraphs agreed, open and pending and the bracket, alternative and option counts.
renumber prints the concordance of old and new paragraph numbers; --write rewrites the file (atomically).
compare prints what changed between two versions by paragraph number, and the counts of each version.
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
  /** Replaces a file's content whole or not at all. */
  writeFileAtomic?: (path: string, content: string) => void;
}

/** Runs the command line and returns the exit code; all output goes through `io`, so tests can run it in-process. */
export function runCli(argv: readonly string[], io: Io): number {
  const args = [...argv];
  const json = takeFlag(args, '--json');
  const write = takeFlag(args, '--write');
  const article = takeOption(args, '--article');
  const bis = takeOption(args, '--bis');
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
  if (command === 'compare') {
    if (files.length !== 2 || files.some((f) => f.startsWith('--'))) {
      io.err(USAGE);
      return 2;
    }
    const [before, after] = files.map((f) => readDraft(f, io));
    if (before === undefined || after === undefined) return 2;
    const options = { agreedMarkers: settings.agreedMarkers };
    const comparison = compareDrafts(analyseDraft(before, options), analyseDraft(after, options));
    io.out(json ? JSON.stringify(comparison, null, 2) : comparisonReport(comparison, files[0], files[1]));
    return 0;
  }
  const single = command === 'status' || command === 'renumber';
  if ((command !== 'lint' && !single) || files.length === 0 || (single && files.length !== 1) || (bis !== undefined && bis !== 'keep' && bis !== 'number')) {
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
    if (command === 'renumber') {
      return runRenumber(file, text, draft, { article, bis: (bis as 'keep' | 'number' | undefined) ?? settings.renumberBis }, { json, write }, io);
    }
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

function runRenumber(
  file: string,
  text: string,
  draft: ReturnType<typeof analyseDraft>,
  options: RenumberOptions,
  flags: { json: boolean; write: boolean },
  io: Io,
): number {
  const result = renumber(draft, options);
  if ('refused' in result) {
    io.err(`treaty-draft: ${file}: ${result.refused}`);
    return 1;
  }
  const changed = result.concordance.filter((c) => c.old !== c.new);
  if (flags.json) {
    io.out(JSON.stringify({ file, concordance: result.concordance, edits: result.edits.length, warnings: result.warnings, written: flags.write && result.edits.length > 0 }, null, 2));
  } else {
    io.out(`${file}: ${changed.length} of ${result.concordance.length} paragraphs change number${flags.write ? '' : ' (not written; use --write)'}`);
    for (const c of result.concordance) {
      io.out(`${c.article ? `${c.article}, ` : ''}${c.old.padStart(10)} → ${c.new.padEnd(10)}${c.old === c.new ? '' : ' *'}`);
    }
    for (const w of result.warnings) io.err(`treaty-draft: warning: ${w}`);
  }
  if (flags.write && result.edits.length > 0) {
    try {
      (io.writeFileAtomic ?? writeFileAtomic)(file, applySpanEdits(text, result.edits));
    } catch (error) {
      io.err(`treaty-draft: cannot write ${file}: ${(error as Error).message}; the file is unchanged.`);
      return 2;
    }
  }
  return 0;
}

/** A temporary file beside the target, then a rename: the draft is replaced whole or not at all. */
export function writeFileAtomic(file: string, content: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temporary, content, { flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
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
  // `treaty-draft lint … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const code = runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    readFile: (p) => fs.readFileSync(p),
  });
  process.exitCode = code;
}
