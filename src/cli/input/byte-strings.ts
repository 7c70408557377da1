import { fieldText } from './csv-scanner';

/**
 * One string per distinct field of a column, found from the field's bytes: a link or agent seen
 * before costs a hash and a compare of its bytes instead of a new string and a map lookup (a
 * million rows repeat a few thousand links and agents).
 */
export class ByteStrings {
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private readonly strings: string[] = [];
  private starts = new Int32Array(256);
  private lengths = new Int32Array(256);
  private arena = new Uint8Array(1 << 16);
  private used = 0;

  /** @param limit distinct values kept; past it, new values are made afresh each time. */
  constructor(private readonly limit: number) {}

  /** The field's text (see `fieldText`), shared with every earlier field of the same bytes. */
  text(bytes: Uint8Array, start: number, end: number): string {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    // FNV-1a's low bits, which pick the slot, see only the bytes' low bits: mix the high ones in.
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] - 1;
      if (id < 0) return this.add(bytes as Buffer, start, end, hash, slot);
      if (this.hashes[slot] === hash && this.lengths[id] === length && this.same(bytes, start, this.starts[id], length)) return this.strings[id];
    }
  }

  private same(bytes: Uint8Array, start: number, at: number, length: number): boolean {
    const arena = this.arena;
    for (let i = 0; i < length; i++) if (bytes[start + i] !== arena[at + i]) return false;
    return true;
  }

  private add(bytes: Buffer, start: number, end: number, hash: number, slot: number): string {
    const text = fieldText(bytes, start, end);
    const id = this.strings.length;
    if (id >= this.limit) return text;
    const length = end - start;
    if (this.used + length > this.arena.length) this.arena = grown(this.arena, Math.max(this.arena.length * 2, this.used + length));
    this.arena.set(bytes.subarray(start, end), this.used);
    if (id === this.starts.length) {
      this.starts = grown(this.starts, id * 2);
      this.lengths = grown(this.lengths, id * 2);
    }
    this.starts[id] = this.used;
    this.lengths[id] = length;
    this.used += length;
    this.strings.push(text);
    this.slots[slot] = id + 1;
    this.hashes[slot] = hash;
    // Kept at most half full, so that a probe ends soon at an empty slot.
    if (this.strings.length * 2 > this.slots.length) this.rehash();
    return text;
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

function grown<T extends Uint8Array | Int32Array>(from: T, size: number): T {
  const to = new (from.constructor as new (size: number) => T)(size);
  to.set(from);
  return to;
}
