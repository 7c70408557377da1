// `npm run deploy`: builds the add-on, then pushes dist/ to the Apps Script project named in the
// developer's own .clasp.json (kept out of git). `--force` because a new project's manifest always
// differs from ours, and clasp's "overwrite the manifest?" prompt defaults to No, or is answered No
// without a terminal, which pushes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// clasp's own variable for another project file; clasp push reads it too.
const CONFIG = process.env.clasp_config_project ? resolve(process.env.clasp_config_project) : join(ROOT, '.clasp.json');
const SETUP = 'see "First time" in docs/sheets.md';

function fail(message) {
  console.error(`botclick deploy: ${message}`);
  process.exit(1);
}

if (!existsSync(CONFIG)) fail(`no .clasp.json yet: create the project with \`npx clasp create --type standalone --title botclick --rootDir dist\`, or copy .clasp.json.example and put your script id in it (${SETUP}).`);
let config;
try {
  config = JSON.parse(readFileSync(CONFIG, 'utf8'));
} catch {
  fail(`.clasp.json is not JSON (${SETUP}).`);
}
// A Script ID is some 57 letters, digits, dashes and underscores; the example's placeholder is not one.
if (typeof config.scriptId !== 'string' || !/^[\w-]{40,}$/.test(config.scriptId)) fail(`.clasp.json has no script id, only ${JSON.stringify(config.scriptId ?? null)}: put your project's Script ID in it (${SETUP}).`);
if (config.rootDir !== 'dist') fail(`.clasp.json must say "rootDir": "dist", the folder the build writes, not ${JSON.stringify(config.rootDir ?? null)}.`);

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('npm', ['run', 'build']);
run(join(ROOT, 'node_modules', '.bin', 'clasp'), ['push', '--force']);
