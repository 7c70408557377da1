import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { fileError } from './file-errors';
import type { FileFormat } from './sniff';

const CHUNK_BYTES = 1 << 20;

/**
 * The file's content after the byte-order mark as UTF-8 bytes: the bytes themselves when the file
 * is UTF-8, so that they can be copied to the output exactly; re-encoded from any other encoding.
 * A UTF-8 file can be read from and to an offset of its content.
 */
export function readContent(path: string, format: FileFormat, from = 0, to = Infinity): Readable {
  if (format.encoding !== 'utf-8') {
    if (from !== 0 || to !== Infinity) throw new Error('only UTF-8 content is read in parts');
    return Readable.from(utf8(decode(createReadStream(path, { start: format.bomBytes, highWaterMark: CHUNK_BYTES }), path, format)));
  }
  const end = to === Infinity ? undefined : format.bomBytes + to - 1;
  return createReadStream(path, { start: format.bomBytes + from, end, highWaterMark: CHUNK_BYTES });
}

async function* utf8(text: AsyncIterable<string>): AsyncGenerator<Buffer> {
  for await (const chunk of text) yield Buffer.from(chunk, 'utf8');
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
