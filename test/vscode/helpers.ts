/*
 * Shared by the in-editor tests. The workspace is a temporary copy of samples/ that the runner prepared
 * (scripts/editor/run-editor-tests.js for code-server, test/vscode/runTest.ts for @vscode/test-electron). Tests that
 * edit a draft first copy it to a file of their own in that workspace, so no test depends on another's edits.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'treaty-drafter.treaty-drafter';
export const SOURCE = 'treaty';

/** 1-based, as in samples/*.expected.json and samples/README.md. */
export interface ExpectedDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
}

export interface ExpectedSample {
  status: { paragraphs: { agreed: number; open: number; pending: number }; bracketPairs: number; unresolvedBrackets: number; alternativeGroups: number; optionGroups: number };
  diagnostics: ExpectedDiagnostic[];
}

/** NOTATION §6: the default severity of each code. */
export const DEFAULT_SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  'unclosed-bracket': vscode.DiagnosticSeverity.Error,
  'unmatched-bracket': vscode.DiagnosticSeverity.Error,
  'unresolved-bracket': vscode.DiagnosticSeverity.Warning,
  placeholder: vscode.DiagnosticSeverity.Information,
  'empty-bracket': vscode.DiagnosticSeverity.Warning,
  'agreed-with-brackets': vscode.DiagnosticSeverity.Error,
  'misplaced-marker': vscode.DiagnosticSeverity.Information,
  'duplicate-number': vscode.DiagnosticSeverity.Error,
  'numbering-gap': vscode.DiagnosticSeverity.Warning,
  'numbering-order': vscode.DiagnosticSeverity.Warning,
  'sublabel-gap': vscode.DiagnosticSeverity.Warning,
  'dangling-reference': vscode.DiagnosticSeverity.Warning,
  'orphan-alternative': vscode.DiagnosticSeverity.Warning,
  'alternative-numbering': vscode.DiagnosticSeverity.Warning,
  'encoding-damage': vscode.DiagnosticSeverity.Warning,
  'duplicate-sentence': vscode.DiagnosticSeverity.Information,
};

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` gives a truthy value; fails with `what` (and the last value seen) after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const value = await probe();
    if (value) return value;
    last = value;
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(100);
  }
}

/** The workspace folder, checked to be a copy: the tests edit drafts, and the repository's samples must stay as they are. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder holding a copy of samples/');
  const repositorySamples = path.resolve(__dirname, '..', '..', '..', 'samples');
  assert.notEqual(path.resolve(folder.uri.fsPath), repositorySamples, 'the workspace must be a temporary copy of samples/, never samples/ itself');
  return folder.uri;
}

export function sampleUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function expectedOf(sample: string): Promise<ExpectedSample> {
  return JSON.parse(await readText(sampleUri(sample.replace(/\.treaty$/, '.expected.json')))) as ExpectedSample;
}

/** A fresh copy of a sample under a name of its own, for a test that edits it. */
export async function copySample(sample: string, name: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(workspaceRoot(), name);
  await vscode.workspace.fs.copy(sampleUri(sample), target, { overwrite: true });
  return target;
}

/** Opens a draft in an editor tab (the language client pulls diagnostics for documents shown in tabs). */
export async function openDraft(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
  await activeExtension();
  return editor;
}

export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this host`);
  await waitFor(`${EXTENSION_ID} to activate`, () => extension.isActive, 30_000);
  return extension;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function treatyDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** A diagnostic in the 1-based form of the expected files. */
export function asExpected(d: vscode.Diagnostic): ExpectedDiagnostic {
  return { line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1, code: codeOf(d) ?? '' };
}

export function sortDiagnostics(list: ExpectedDiagnostic[]): ExpectedDiagnostic[] {
  return [...list].sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/**
 * Waits until the diagnostics of `uri` (source treaty) are exactly `expected`, then asserts it (so a mismatch fails
 * with the full comparison, not a timeout).
 */
export async function expectDiagnostics(uri: vscode.Uri, expected: ExpectedDiagnostic[], ms = 20_000): Promise<vscode.Diagnostic[]> {
  const want = JSON.stringify(sortDiagnostics(expected));
  const end = Date.now() + ms;
  while (Date.now() < end && JSON.stringify(sortDiagnostics(treatyDiagnostics(uri).map(asExpected))) !== want) await sleep(100);
  const actual = treatyDiagnostics(uri);
  assert.deepEqual(sortDiagnostics(actual.map(asExpected)), sortDiagnostics(expected));
  return actual;
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The position of `needle` on a 1-based line of the document, `offset` characters into it; the needle must be there once. */
export function positionOf(document: vscode.TextDocument, line: number, needle: string, offset = 0): vscode.Position {
  const text = document.lineAt(line - 1).text;
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `line ${line} does not hold ${JSON.stringify(needle)}: ${text}`);
  assert.equal(text.indexOf(needle, at + 1), -1, `line ${line} holds ${JSON.stringify(needle)} more than once`);
  return new vscode.Position(line - 1, at + offset);
}

/**
 * The text with replacements on given 1-based lines: each `from` must occur exactly once on its line. Expected
 * results are written this way from what samples/README.md says, never computed by the product.
 */
export function replaceOnLines(text: string, changes: Array<[line: number, from: string, to: string]>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  for (const [line, from, to] of changes) {
    const current = lines[line - 1];
    assert.ok(current !== undefined, `no line ${line}`);
    const at = current.indexOf(from);
    assert.ok(at >= 0, `line ${line} does not hold ${JSON.stringify(from)}: ${current}`);
    assert.equal(current.indexOf(from, at + 1), -1, `line ${line} holds ${JSON.stringify(from)} more than once`);
    lines[line - 1] = current.slice(0, at) + to + current.slice(at + from.length);
  }
  return lines.join(eol);
}

/** Which 1-based lines differ between two texts of the same line count (for readable failure messages). */
export function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const changed: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) changed.push(i + 1);
  return changed;
}
