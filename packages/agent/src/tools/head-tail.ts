/**
 * Collects a stream of text keeping only its first and last parts, so a command that prints
 * gigabytes costs bounded memory and the result still shows how it started and how it ended
 * (where errors and summaries usually are).
 */
export class HeadTail {
  private head = '';
  private tail = '';
  private total = 0;
  private readonly headCap: number;
  private readonly tailCap: number;

  constructor(cap: number) {
    this.headCap = Math.floor(cap / 2);
    this.tailCap = cap - this.headCap;
  }

  push(text: string): void {
    this.total += text.length;
    let rest = text;
    if (this.head.length < this.headCap) {
      const room = this.headCap - this.head.length;
      this.head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    if (rest.length === 0) return;
    this.tail += rest;
    // Trim only when well over, so a stream of small chunks is not sliced on every push.
    if (this.tail.length > 2 * this.tailCap) this.tail = this.tail.slice(-this.tailCap);
  }

  /** Everything, or the head and tail with a line saying how many characters were cut between them. */
  text(): string {
    const kept = this.head.length + Math.min(this.tail.length, this.tailCap);
    if (this.total <= kept) return this.head + this.tail;
    const cut = this.total - kept;
    return `${this.head}\n[… ${cut} characters of output cut …]\n${this.tail.slice(-this.tailCap)}`;
  }
}
