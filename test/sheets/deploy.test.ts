/** `npm run deploy` refuses, in one line, to push without the developer's own script id. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('npm run deploy', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'botclick-deploy-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function deploy(config: string | null): { status: number | null; stderr: string } {
    const file = join(dir, '.clasp.json');
    rmSync(file, { force: true });
    if (config !== null) writeFileSync(file, config);
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'deploy.mjs')], { encoding: 'utf8', env: { ...process.env, clasp_config_project: file } });
    return { status: result.status, stderr: result.stderr };
  }

  test.each([
    [null, 'no .clasp.json yet: create the project with `npx clasp create --type standalone --title botclick --rootDir dist`'],
    [readFileSync(join(ROOT, '.clasp.json.example'), 'utf8'), '.clasp.json has no script id, only "PUT-YOUR-SCRIPT-ID-HERE"'],
    ['{"scriptId": "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_aBcDeFgHiJkLmNoPqRsTuV"}', '.clasp.json must say "rootDir": "dist"'],
    ['{ scriptId: 1 }', '.clasp.json is not JSON'],
  ])('%s', (config, message) => {
    const { status, stderr } = deploy(config);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`botclick deploy: ${message}`);
  });

  test('pushes with --force, since clasp answers its manifest prompt No without a terminal', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.deploy).toBe('node scripts/deploy.mjs');
    expect(readFileSync(join(ROOT, 'scripts', 'deploy.mjs'), 'utf8')).toContain("['push', '--force']");
  });

  test('the script id stays out of git: .clasp.json is ignored, the example is committed', () => {
    const ignored = spawnSync('git', ['check-ignore', '-q', '.clasp.json'], { cwd: ROOT });
    expect(ignored.status).toBe(0);
  });
});
