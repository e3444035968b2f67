import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { repoRoot } from '../support/repoRoot';

/** What scripts/editor/codeServer.js gives the editor tests (it is plain JavaScript, shared with the runner). */
export interface CodeServer {
  url: string;
  folder: string;
  tmp: string;
  xdg: Record<string, string>;
  output(): string;
  stop(): void;
}

export interface CodeServerModule {
  startCodeServer(options: { folder?: string; settings?: Record<string, unknown>; env?: Record<string, string>; extensionsDir?: string }): Promise<CodeServer>;
  launchBrowser(xdg?: Record<string, string>): Promise<Browser>;
  codeServerBinary(): string;
  xdgDirs(tmp: string): Record<string, string>;
}

export const ROOT = repoRoot();
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const host = require(path.join(ROOT, 'scripts', 'editor', 'codeServer.js')) as CodeServerModule;
