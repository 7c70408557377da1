// Builds the Google Sheets add-on into dist/: Code.js (one classic script), appsscript.json and the
// sidebar page, ready for `clasp push`. Fails with one clear line when the output would not work.
import { build } from 'esbuild';
import { generate } from 'gas-entry-generator';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { Script } from 'node:vm';
import ts from 'typescript';

const ENTRY = 'src/sheets/main.ts';
const OUT_DIR = 'dist';
const COPIED = [
  ['appsscript.json', 'appsscript.json'],
  ['src/sheets/Sidebar.html', 'Sidebar.html'],
];
/** Every function Apps Script must find (triggers, menu handlers, custom functions, sidebar calls), listed once. */
const ENTRY_POINTS_FILE = 'src/sheets/entryPoints.json';

class BuildError extends Error {}

/**
 * The top-level declarations, with their JSDoc, from the entry file's `global.X = …` lines.
 * esbuild drops comments, so the generator reads the entry file as TypeScript itself emits it
 * (transpileModule keeps comments).
 */
function entryDeclarations(source) {
  const { outputText } = ts.transpileModule(source, {
    fileName: ENTRY,
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, removeComments: false },
  });
  const { entryPointFunctions } = generate(outputText, { comment: true });
  return entryPointFunctions;
}

/** The JSDoc block of each declared function, by name ('' for a declaration without one). */
function declaredFunctions(declarations) {
  const found = new Map();
  for (const match of declarations.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?function (\w+)\s*\(/g)) {
    found.set(match[2], match[1] ?? '');
  }
  return found;
}

function checkDeclarations(declarations, entryPoints) {
  const { triggers, menu, customFunctions, sidebarCalls } = entryPoints;
  const ENTRY_POINTS = [...triggers, ...menu.map((item) => item.handler), ...customFunctions, ...sidebarCalls];
  const found = declaredFunctions(declarations);
  const missing = ENTRY_POINTS.filter((name) => !found.has(name));
  if (missing.length) {
    throw new BuildError(`${ENTRY} declares no global ${missing.join(', ')}: add \`global.${missing[0]} = …\` with its JSDoc.`);
  }
  const unknown = [...found.keys()].filter((name) => !ENTRY_POINTS.includes(name));
  if (unknown.length) {
    throw new BuildError(`${ENTRY} declares ${unknown.join(', ')}, which the build does not know: add it to ${ENTRY_POINTS_FILE}.`);
  }
  // Sheets offers a custom function in autocomplete, with its help, only through this JSDoc.
  for (const name of customFunctions) {
    const doc = found.get(name);
    if (!/@customfunction\b/.test(doc)) {
      throw new BuildError(`${name} has no @customfunction JSDoc in ${ENTRY}, so Sheets would not offer it in formulas.`);
    }
    if (!/@param\b/.test(doc)) {
      throw new BuildError(`${name}'s JSDoc in ${ENTRY} documents no @param, so Sheets would show no help for its arguments.`);
    }
  }
}

async function bundle() {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

async function main() {
  const declarations = entryDeclarations(await readFile(ENTRY, 'utf8'));
  checkDeclarations(declarations, JSON.parse(await readFile(ENTRY_POINTS_FILE, 'utf8')));
  const code = [
    '// Built by scripts/build-addon.mjs from src/sheets: edit the sources there, not this file.',
    '// The declarations below are what Apps Script sees; the bundle after them points each at its code.',
    declarations,
    await bundle(),
  ].join('\n');
  try {
    new Script(code, { filename: 'Code.js' });
  } catch (error) {
    throw new BuildError(`dist/Code.js is not a valid classic script: ${error.message}`);
  }
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(`${OUT_DIR}/Code.js`, code);
  for (const [from, to] of COPIED) await copyFile(from, `${OUT_DIR}/${to}`);
  console.log(`build-addon: ${OUT_DIR}/Code.js (${Math.round(code.length / 1024)} KB), ${COPIED.map(([, to]) => to).join(', ')}`);
}

main().catch((error) => {
  const message = error instanceof BuildError ? error.message : error.errors?.length ? error.errors.map((e) => `${e.location?.file ?? ''}:${e.location?.line ?? ''} ${e.text}`).join('; ') : error.message;
  console.error(`build-addon: ${message}`);
  process.exitCode = 1;
});
