/*
 * The in-editor suite's entry point, the contract of @vscode/test-electron (and of scripts/editor/run-editor-tests.js,
 * which runs it in code-server): the extension host loads this module and awaits run(); a rejection is a failed run.
 * It runs out/test/vscode/*.test.js with mocha's spec reporter. Every line the reporter prints goes through one
 * console.log call of the finished text, which is what both hosts forward (test-electron to the VS Code process's
 * stdout, code-server to the workbench console, where the runner reads it back), so "N passing" arrives intact.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';

type MochaConstructor = typeof Mocha;

/**
 * `require('mocha')`: mocha 12 is an ES module over a CommonJS build. Node ≥ 20.19 loads it through require (a
 * namespace with a default export); an older Node (VS Code's Electron) refuses with ERR_REQUIRE_ESM, and the
 * CommonJS build it re-exports is the same mocha.
 */
function loadMocha(): MochaConstructor {
  try {
    const loaded = require('mocha') as MochaConstructor & { default?: MochaConstructor };
    return loaded.default ?? loaded;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    return require('mocha/lib/mocha.cjs') as MochaConstructor;
  }
}

export function run(): Promise<void> {
  const MochaClass = loadMocha();
  // One finished line per call: the hosts forward console arguments, and printf-style ones do not always survive.
  MochaClass.reporters.Base.consoleLog = (...args: unknown[]) => console.log(args.length === 0 ? '' : util.format(...args));
  const mocha = new MochaClass({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-editor test(s) failed.`)) : resolve()));
    } catch (error) {
      console.error(error);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
