/**
 * Events pushed from concurrent work (parallel tool calls), read in arrival order by the loop's
 * generator until the work settles.
 */
export class Channel<T> {
  private readonly items: T[] = [];
  private wake?: () => void;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  /** Yields every item pushed until `work` settles (and those pushed before it did). */
  async *until(work: Promise<unknown>): AsyncGenerator<T> {
    let settled = false;
    void work.then(
      () => {
        settled = true;
        this.wake?.();
      },
      () => {
        settled = true;
        this.wake?.();
      },
    );
    for (;;) {
      while (this.items.length > 0) yield this.items.shift() as T;
      if (settled) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }
}
