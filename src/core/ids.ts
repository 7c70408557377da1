/** Numbers keys in order of first appearance: the same key always gets the same id. */
export class Ids<K> {
  private readonly index = new Map<K, number>();
  /** The keys, by id. */
  readonly keys: K[] = [];

  idOf(key: K): number {
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.keys.push(key) - 1;
      this.index.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.keys.length;
  }
}

/**
 * Numbers whole-number keys (up to 2^53) in order of first appearance, in typed arrays: a million
 * lookups allocate nothing, where a Map boxes each key past 2^30.
 */
export class NumberIds {
  private keys = new Float64Array(1024);
  /** Per slot, its key's id + 1; 0 for an empty slot. */
  private slots = new Int32Array(1024);
  size = 0;

  idOf(key: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hashNumber(key) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] - 1;
      if (id < 0) {
        this.keys[slot] = key;
        this.slots[slot] = ++this.size;
        // Kept at most half full, so that a probe ends soon at an empty slot.
        if (this.size * 2 > this.slots.length) this.grow();
        return this.size - 1;
      }
      if (this.keys[slot] === key) return id;
    }
  }

  private grow(): void {
    const { keys, slots } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.slots = new Int32Array(slots.length * 2);
    const mask = this.slots.length - 1;
    for (let old = 0; old < slots.length; old++) {
      if (slots[old] === 0) continue;
      let slot = hashNumber(keys[old]) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = keys[old];
      this.slots[slot] = slots[old];
    }
  }
}

function hashNumber(key: number): number {
  let hash = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 13);
}
