import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository's root: the folder above this file (or the working directory) that holds the grammar and package.json. */
export function repoRoot(): string {
  for (const from of [__dirname, process.cwd()]) {
    for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'syntaxes', 'treaty.tmLanguage.json')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`the repository root was not found above ${__dirname} or ${process.cwd()}`);
}
