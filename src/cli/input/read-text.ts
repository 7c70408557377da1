import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileError } from './file-errors';
import type { FileFormat } from './sniff';

const CHUNK_BYTES = 1 << 20;

/**
 * The file's content after the byte-order mark as UTF-8 bytes: the bytes themselves when the file
 * is UTF-8, so that they can be copied to the output exactly; re-encoded from any other encoding.
 * A UTF-8 file can be read from and to an offset of its content. A chunk is valid only until the
 * next one is asked for (see fileChunks).
 */
export async function* readContent(path: string, format: FileFormat, from = 0, to = Infinity): AsyncGenerator<Buffer> {
  if (format.encoding !== 'utf-8') {
    if (from !== 0 || to !== Infinity) throw new Error('only UTF-8 content is read in parts');
    for await (const text of readText(path, format)) yield Buffer.from(text, 'utf8');
    return;
  }
  yield* fileChunks(path, format.bomBytes + from, format.bomBytes + to);
}

/**
 * The file's bytes from `start` to `end` in chunks of one buffer, read again for each chunk: each
 * chunk is valid only until the next one is asked for. A read stream's fresh megabyte per chunk
 * cost ten times the reading itself (0.2–0.6 s against 40 ms for a 300 MB file), three times a run.
 * The event loop still turns between chunks, so that Ctrl-C and a worker's message are heard.
 */
export async function* fileChunks(path: string, start = 0, end = Infinity): AsyncGenerator<Buffer> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw fileError(error, path);
  }
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let position = start; position < end; ) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, end - position), position);
      } catch (error) {
        throw fileError(error, path);
      }
      if (read === 0) return;
      position += read;
      yield buffer.subarray(0, read);
      await nextTurn();
    }
  } finally {
    closeSync(fd);
  }
}

/** The file's text in chunks, decoded from its encoding, without the byte-order mark. */
export function readText(path: string, format: FileFormat): AsyncGenerator<string> {
  return decode(createReadStream(path, { start: format.bomBytes, highWaterMark: CHUNK_BYTES }), path, format);
}

async function* decode(bytes: AsyncIterable<Buffer>, path: string, format: FileFormat): AsyncGenerator<string> {
  const decoder = new TextDecoder(format.encoding);
  try {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield text;
    }
  } catch (error) {
    throw fileError(error, path);
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
