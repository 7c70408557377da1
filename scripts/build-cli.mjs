// Bundles the command line (src/cli/main.ts and the core it uses) into one executable file.
// The file is written beside its final name and renamed, so a test run that builds while another
// reads never sees half a file.
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'esbuild';

const outfile = 'build/botclick.cjs';

const { outputFiles } = await build({
  entryPoints: ['src/cli/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The runtime dependencies stay require()s: npm installs them beside the package, with their licences.
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  // DuckDB is an optional peer dependency with a native binary: loaded at run time when --engine duckdb asks for it.
  external: ['@duckdb/node-api'],
});
const temporary = `${outfile}.${process.pid}.tmp`;
await mkdir(dirname(outfile), { recursive: true });
await writeFile(temporary, outputFiles[0].contents);
await chmod(temporary, 0o755);
await rename(temporary, outfile);
