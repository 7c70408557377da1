// PGlite loads its WebAssembly with a dynamic import, which jest's module sandbox refuses: it runs
// here, in a worker thread of its own, and answers one message per statement.
import { parentPort } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create();
parentPort.on('message', async ({ id, kind, sql }) => {
  try {
    if (kind === 'run') await db.exec(sql);
    const rows = kind === 'rows' ? (await db.query(sql)).rows : [];
    parentPort.postMessage({ id, rows });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
