// A binary min-heap (see spec.md).
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    this.items.push(item);
    let at = this.items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.compare(this.items[at] as T, this.items[parent] as T) >= 0) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length === 0 || last === undefined) return top;
    this.items[0] = last;
    let at = 0;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let smallest = at;
      if (left < this.items.length && this.compare(this.items[left] as T, this.items[smallest] as T) < 0) smallest = left;
      if (right < this.items.length && this.compare(this.items[right] as T, this.items[smallest] as T) < 0) smallest = right;
      if (smallest === at) return top;
      this.swap(at, smallest);
      at = smallest;
    }
  }

  toArray(): T[] {
    const copy = new MinHeap(this.compare);
    copy.items.push(...this.items);
    const out: T[] = [];
    while (copy.size > 0) out.push(copy.pop() as T);
    return out;
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b] as T, this.items[a] as T];
  }
}
