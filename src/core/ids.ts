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
