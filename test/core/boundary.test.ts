import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The core must stay free of the adapters and of Node: lint forbids such imports anywhere under
 * src/core, at any depth of `../`. ESLint loads its config by dynamic import, which jest's VM does
 * not offer, so the files are linted in one child process.
 */
const ROOT = join(__dirname, '..', '..');

function lintRules(files: [path: string, code: string][]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const files = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [path, code] of files) {
        const [result] = await eslint.lintText(code, { filePath: path });
        out.push(result.messages.map((m) => m.ruleId));
      }
      console.log(JSON.stringify(out));
    })();`;
  const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(files)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(run.stdout);
}

test('lint rejects an adapter or Node import anywhere in the core, and lets the core import itself', () => {
  const found = lintRules([
    ['src/core/rules/burst.ts', "import { APP_TITLE } from '../../sheets/ui';\nexport const x = APP_TITLE;\n"],
    ['src/core/rules/burst.ts', "import { run } from '../../cli/main';\nexport const x = run;\n"],
    ['src/core/detect.ts', "import { APP_TITLE } from '../sheets/ui';\nexport const x = APP_TITLE;\n"],
    ['src/core/time/parse.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src/core/rules/burst.ts', "import { WEIGHT } from '../evidence';\nexport const x = WEIGHT;\n"],
  ]);
  expect(found).toEqual([['no-restricted-imports'], ['no-restricted-imports'], ['no-restricted-imports'], ['no-restricted-imports'], []]);
});
