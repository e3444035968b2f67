#!/usr/bin/env node
// `npm run test:editor`: the tests that need a real editor.
//
//  1. The in-editor suite (out/test/vscode/*.test.js, loaded by out/test/vscode/index.js) inside code-server's real
//     VS Code extension host, on a temporary copy of samples/, driven by headless chromium: the same contract as
//     @vscode/test-electron (workbench payload extensionDevelopmentPath + extensionTestsPath; the exit code comes back
//     through window.codeAutomationExit). The extension host's console (mocha's spec output) is printed here.
//  2. Then, when out/test/editor/ holds *.test.js (UI, packaging, Neovim), those run with mocha in a child process.
//
// Exit status: 0 when every part passed, 1 when tests failed, 2 when the editor host is missing or broke down.
// Environment: CODE_SERVER (the binary), CHROMIUM (the browser), VERBOSE=1 (all of the workbench console),
// RAW=1 (the console messages as they arrive), EDITOR_TEST_TIMEOUT (ms for the in-editor suite, default 240000),
// KEEP_TMP=1 (keep the workspace and server folders), EDITOR_TEST_PARTS=vscode or =editor (only part 1 or part 2).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { ROOT, codeServerBinary, startCodeServer, launchBrowser, extensionTestUrl } = require('./codeServer');

const SUITE_TIMEOUT_MS = Number(process.env.EDITOR_TEST_TIMEOUT || 240_000);
const log = (...args) => console.log('[editor-tests]', ...args);

/** Workbench console noise that says nothing about the tests (shown with VERBOSE=1). */
const NOISE = new RegExp(
  [
    'Failed to load resource', 'ENOTFOUND', '[Ss]ervice [Ww]orker', 'web worker extension host', 'allow-same-origin', 'Creating a socket',
    'connection token', 'ChatSessionStore', 'Overwriting extension', 'additional builtin', 'Long running operations', 'DevTools',
    'Content Security Policy', 'DeprecationWarning', '--trace-deprecation', 'Unrecognized feature', 'Creation of workbench contribution',
  ].join('|'),
);

// ------------------------------------------------------------------------------------------------------ clean-up

/**
 * What must not outlive the runner: code-server's process group, the mocha child's group, the temporary folders.
 * Every step is synchronous, so it also runs from process.on('exit'): playwright's own SIGINT handler closes the
 * browser and calls process.exit, and an exception or a closed pipe may end the runner anywhere.
 */
const cleanups = [];
function cleanUp() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      step();
    } catch {
      // best effort: the next step still runs
    }
  }
}
process.on('exit', cleanUp);
// A reader that goes away (`| head`) must not end the runner before it has stopped code-server.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
process.on('uncaughtException', (error) => {
  console.error('[editor-tests] unexpected error:', error && error.stack ? error.stack : error);
  process.exit(2);
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    cleanUp();
    process.exit(2);
  });
}

function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The process group of a pid (from /proc/PID/stat: state, ppid, pgrp after the command name). */
function groupOf(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

const OWN_GROUP = (() => {
  try {
    return groupOf('self');
  } catch {
    return process.pid;
  }
})();

/** Process groups of the live processes whose command line names `marker` (a temporary folder of this run). */
function groupsNaming(marker) {
  const groups = new Set();
  let pids = [];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  for (const pid of pids) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const group = groupOf(pid);
      if (group > 1 && group !== OWN_GROUP) groups.add(group);
    } catch {
      // the process ended meanwhile
    }
  }
  return [...groups];
}

/**
 * Whether a process of the group still runs. Read from /proc rather than kill(-group, 0): code-server's main process
 * is this runner's child, and while the runner waits synchronously it stays an unreaped zombie that kill counts.
 */
function groupAlive(group) {
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(pgrp) === group && state !== 'Z') return true;
      } catch {
        // the process ended meanwhile
      }
    }
    return false;
  } catch {
    return false;
  }
}

/**
 * Ends code-server and everything it started (extension host, file watcher, language server), which all share its
 * process group: SIGTERM to the group (the module's stop()), then SIGKILL to whatever is left after 5 s. The group
 * was read when the server started, from the process whose command line names its own user data folder.
 */
function stopServer(server, group) {
  server.stop();
  if (!group) return;
  for (let waited = 0; waited < 5000 && groupAlive(group); waited += 100) pause(100);
  if (groupAlive(group)) {
    log(`code-server's process group ${group} did not stop on SIGTERM: killing it`);
    try {
      process.kill(-group, 'SIGKILL');
    } catch {}
  }
}

function removeFolder(folder) {
  if (process.env.KEEP_TMP) log('kept', folder);
  else fs.rmSync(folder, { recursive: true, force: true });
}

// ------------------------------------------------------------------------------------------ part 1: code-server

/**
 * Turns one workbench console message back into the text the extension host printed. The remote extension host's
 * console.* reaches the browser console behind VS Code's logger prefix ('%c INFO', 'color: …', …args); drop the %c
 * parts and printf-format the rest.
 */
function formatConsoleArgs(args) {
  if (typeof args[0] === 'string' && args[0].includes('%c')) {
    const styles = (args[0].match(/%c/g) || []).length;
    args = [args[0].replace(/%c/g, ''), ...args.slice(1 + styles)];
  }
  const strings = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
  const first = strings.findIndex((a) => /%[sdifoOj]/.test(a));
  const joined = first >= 0 ? [...strings.slice(0, first), util.format(...strings.slice(first))] : strings;
  return joined.join(' ').replace(/^\s*INFO\s?/, '');
}

async function runInEditorSuite() {
  const testsModule = path.join(ROOT, 'out', 'test', 'vscode', 'index.js');
  if (!fs.existsSync(testsModule)) {
    log(`${path.relative(ROOT, testsModule)} is missing: compile first (npm run build && tsc -p .)`);
    return 2;
  }
  const started = Date.now();
  // The workspace: a temporary copy of the sample drafts, so no test ever edits the repository.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-editor-ws-'));
  cleanups.push(() => removeFolder(workspace));
  fs.cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });

  const server = await startCodeServer({ folder: workspace });
  cleanups.push(() => removeFolder(server.tmp));
  const [group] = groupsNaming(server.userDataDir);
  cleanups.push(() => stopServer(server, group));
  log(`code-server (VS Code ${vsCodeVersion()}) up on port ${server.port} after ${Date.now() - started} ms; workspace ${workspace}`);

  const browser = await launchBrowser(server.xdg);
  try {
    const page = await browser.newPage();
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));

    // Console messages are turned into text one after the other, so mocha's lines keep their order.
    let printed = Promise.resolve();
    page.on('console', (message) => {
      printed = printed.then(async () => {
        let args;
        try {
          args = await Promise.all(message.args().map((a) => a.jsonValue()));
        } catch {
          args = [message.text()];
        }
        if (process.env.RAW) console.log('[raw]', JSON.stringify(args));
        if (args.length === 0) return; // the workbench logs a few empty messages
        const text = formatConsoleArgs(args);
        if (process.env.VERBOSE || !NOISE.test(text)) console.log(text);
      });
    });
    if (process.env.VERBOSE) page.on('pageerror', (error) => log('page error:', error.message));

    const url = extensionTestUrl(server.url, ROOT, testsModule, workspace);
    if (process.env.VERBOSE) log('opening', url);
    await page.goto(url);

    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS)));
    const result = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    // The last lines of mocha's report may still be on their way through the console.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await printed;
    if (result === 'timeout') {
      log(`TIMEOUT: the in-editor suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
      if (process.env.VERBOSE) console.log(server.output());
      return 2;
    }
    log(`in-editor suite finished with exit code ${result} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result === 0 ? 0 : 1;
  } finally {
    await browser.close().catch(() => undefined);
  }
}

function vsCodeVersion() {
  try {
    const bin = fs.realpathSync(codeServerBinary());
    return JSON.parse(fs.readFileSync(path.join(path.dirname(bin), '..', '..', 'lib', 'vscode', 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// ------------------------------------------------------------------------------------ part 2: out/test/editor

/** The UI, packaging and Neovim tests in out/test/editor/, with mocha in a child process of its own group. */
function runEditorMochaTests() {
  const dir = path.join(ROOT, 'out', 'test', 'editor');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort() : [];
  if (files.length === 0) {
    log('no out/test/editor/*.test.js: nothing more to run');
    return Promise.resolve(0);
  }
  log(`part 2: ${files.length} file(s) of out/test/editor with mocha`);
  const mocha = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [mocha, '--no-config', '--timeout', '180000', '--reporter', 'spec', ...files.map((f) => path.join('out', 'test', 'editor', f))];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
    };
    cleanups.push(killGroup);
    child.on('error', (error) => {
      log('could not start mocha:', error.message);
      resolve(2);
    });
    child.on('exit', (code, signal) => {
      // Whatever the tests left running in the child's group ends with it.
      killGroup();
      if (code === null) log(`mocha was ended by ${signal}`);
      resolve(code === 0 ? 0 : code === null ? 2 : 1);
    });
  });
}

// ------------------------------------------------------------------------------------------------------- main

(async () => {
  const started = Date.now();
  try {
    codeServerBinary();
  } catch (error) {
    console.error(`[editor-tests] ${error.message}`);
    console.error('[editor-tests] install the editor host first: bash scripts/editor/install-editor-host.sh');
    process.exit(2);
  }
  const parts = (process.env.EDITOR_TEST_PARTS || 'vscode,editor').split(',');
  const results = {};
  if (parts.includes('vscode')) {
    log('part 1: the in-editor suite (out/test/vscode) in code-server');
    try {
      results['in-editor suite'] = await runInEditorSuite();
    } catch (error) {
      log('the in-editor suite could not run:', error && error.stack ? error.stack : String(error));
      results['in-editor suite'] = 2;
    } finally {
      cleanUp();
    }
  }
  if (parts.includes('editor')) {
    try {
      results['editor tests'] = await runEditorMochaTests();
    } finally {
      cleanUp();
    }
  }
  const codes = Object.values(results);
  const worst = codes.includes(2) ? 2 : codes.includes(1) ? 1 : 0;
  const summary = Object.entries(results)
    .map(([part, code]) => `${part}: ${code === 0 ? 'passed' : code === 1 ? 'FAILED' : 'could not run'}`)
    .join('; ');
  log(`${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(worst);
})().catch((error) => {
  console.error('[editor-tests] unexpected error:', error && error.stack ? error.stack : error);
  process.exit(2);
});
