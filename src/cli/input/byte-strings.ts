import type { Cell } from '../../core';
import { fieldText } from './csv-scanner';

/**
 * Numbers the distinct fields of a column by their bytes: a link or agent seen before costs a hash
 * and a compare of its bytes instead of a new string and a map lookup (a million rows repeat a few
 * thousand links and agents). Each new field's text is pushed onto `names`, which the column may
 * share with the cells it numbers from text.
 */
export class ByteIds {
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private arena = new Uint8Array(1 << 16);
  private arenaView: DataView<ArrayBufferLike> = new DataView(this.arena.buffer);
  private used = 0;
  /** The bytes last asked about, and a view of them. */
  private viewed: Uint8Array | undefined;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  /** The id of the last field numbered: neighbouring rows often repeat a field (one recipient's clicks). */
  private last = -1;

  constructor(private readonly names: Cell[]) {}

  /** The id of the field's text (see `fieldText`), the same as every earlier field of the same bytes. */
  idOf(bytes: Uint8Array, start: number, end: number): number {
    // Fields are read four bytes at a time (a DataView reads at any offset): a quarter of the steps.
    if (bytes !== this.viewed) {
      this.viewed = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    const length = end - start;
    const last = this.last;
    if (last >= 0 && this.lengths[last] === length && this.same(start, this.starts[last], length)) return last;
    const view = this.view;
    let hash = 0x811c9dc5;
    let i = start;
    for (; i + 4 <= end; i += 4) hash = Math.imul(hash ^ view.getInt32(i, true), 0x01000193);
    for (; i < end; i++) hash = Math.imul(hash ^ view.getUint8(i), 0x01000193);
    // FNV-1a's low bits, which pick the slot, see only the input's low bits: mix the high ones in.
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] - 1;
      if (id < 0) return (this.last = this.add(bytes as Buffer, start, end, hash, slot));
      if (this.hashes[slot] === hash && this.lengths[id] === length && this.same(start, this.starts[id], length)) return (this.last = id);
    }
  }

  /** Every field numbered so far, by id: its bytes in `arena` from `starts[id]`, `lengths[id]` long. */
  fields(): FieldBytes {
    const count = this.names.length;
    return { arena: this.arena.subarray(0, this.used), starts: this.starts.subarray(0, count), lengths: this.lengths.subarray(0, count) };
  }

  /** Whether the viewed bytes from `start` equal the stored ones from `at`. */
  private same(start: number, at: number, length: number): boolean {
    const view = this.view;
    const arena = this.arenaView;
    let i = 0;
    for (; i + 4 <= length; i += 4) if (view.getInt32(start + i, true) !== arena.getInt32(at + i, true)) return false;
    for (; i < length; i++) if (view.getUint8(start + i) !== arena.getUint8(at + i)) return false;
    return true;
  }

  private add(bytes: Buffer, start: number, end: number, hash: number, slot: number): number {
    const id = this.names.push(fieldText(bytes, start, end)) - 1;
    const length = end - start;
    if (this.used + length > this.arena.length) {
      this.arena = grown(this.arena, Math.max(this.arena.length * 2, this.used + length));
      this.arenaView = new DataView(this.arena.buffer);
    }
    this.arena.set(bytes.subarray(start, end), this.used);
    if (id >= this.starts.length) {
      this.starts = grown(this.starts, Math.max(id + 1, this.starts.length * 2));
      this.lengths = grown(this.lengths, this.starts.length);
    }
    this.starts[id] = this.used;
    this.lengths[id] = length;
    this.used += length;
    this.slots[slot] = id + 1;
    this.hashes[slot] = hash;
    // Kept at most half full, so that a probe ends soon at an empty slot.
    if (this.names.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    const mask = this.slots.length - 1;
    for (let old = 0; old < slots.length; old++) {
      if (slots[old] === 0) continue;
      let slot = hashes[old] & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = slots[old];
      this.hashes[slot] = hashes[old];
    }
  }
}

/** The fields a ByteIds numbered, as bytes: what a worker hands over instead of their strings. */
export interface FieldBytes {
  arena: Uint8Array;
  starts: Int32Array;
  lengths: Int32Array;
}

/** A copy of `from` with room for `size` values. */
export function grown<T extends Uint8Array | Int32Array>(from: T, size: number): T {
  const to = new (from.constructor as new (size: number) => T)(size);
  to.set(from);
  return to;
}
