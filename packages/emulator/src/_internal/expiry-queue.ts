/**
 * A binary min-heap of things that expire, ordered by time (ties in insertion order). Each request pops
 * only what is due, so the cost of expiry no longer grows with the number of top-ups and grants held.
 */
export class ExpiryQueue<T> {
  private readonly heap: { at: number; seq: number; item: T }[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedule `item` to fall due at `at` (epoch milliseconds). */
  push(at: number, item: T): void {
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Remove and return every item due at or before `now`, earliest first. */
  popDue(now: number): T[] {
    const due: T[] = [];
    while (this.heap.length > 0 && (this.heap[0] as { at: number }).at <= now) due.push(this.pop());
    return due;
  }

  private pop(): T {
    const heap = this.heap;
    const top = heap[0] as { item: T };
    const last = heap.pop() as (typeof heap)[number];
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < heap.length && this.less(l, min)) min = l;
        if (r < heap.length && this.less(r, min)) min = r;
        if (min === i) break;
        this.swap(i, min);
        i = min;
      }
    }
    return top.item;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as { at: number; seq: number };
    const y = this.heap[b] as { at: number; seq: number };
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const heap = this.heap;
    const t = heap[a] as (typeof heap)[number];
    heap[a] = heap[b] as (typeof heap)[number];
    heap[b] = t;
  }
}
