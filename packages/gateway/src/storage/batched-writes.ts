/** Rows per statement, well under SQLite's and PostgreSQL's limits on bound parameters. */
const MAX_BATCH = 500;

/**
 * Group commit: the items handed over during one turn of the event loop are written together, by one
 * statement in one transaction, and each caller's promise settles when that write has committed (or
 * failed). Under load, when many requests finish in the same turn, this turns N commits — each a WAL
 * append with its file locks on SQLite, a round trip on PostgreSQL — into one; alone, an item waits only
 * for the end of the current turn.
 */
export function batchedWrites<T>(write: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let pending: { item: T; settle: (error?: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    for (let start = 0; start < batch.length; start += MAX_BATCH) {
      const chunk = batch.slice(start, start + MAX_BATCH);
      write(chunk.map((entry) => entry.item)).then(
        () => {
          for (const entry of chunk) entry.settle();
        },
        (error: unknown) => {
          for (const entry of chunk) entry.settle(error ?? new Error('write failed'));
        },
      );
    }
  };
  return (item) =>
    new Promise<void>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ item, settle: (error) => (error === undefined ? resolve() : reject(error)) });
    });
}
