// The README's main job after the build: lint every sample draft and show its negotiation status.
// Exits non-zero only when a draft cannot be read; diagnostics in the samples are there on purpose.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const cli = 'server/out/cli.js';
let worst = 0;
for (const file of readdirSync('samples').filter((f) => f.endsWith('.treaty')).map((f) => `samples/${f}`)) {
  console.log(`\n== ${file}`);
  for (const command of ['status', 'lint']) {
    const run = spawnSync(process.execPath, [cli, command, file], { stdio: 'inherit' });
    if (run.status === 2 || run.status === null) worst = 2;
  }
}
process.exit(worst);
