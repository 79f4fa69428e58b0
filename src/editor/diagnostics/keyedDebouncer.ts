// One pending timer per key (a document): scheduling again supersedes the pending run, so only the
// newest text of a document is analysed after the typing pauses.
export class KeyedDebouncer<K> {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();

  schedule(key: K, delayMs: number, run: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      run();
    }, Math.max(0, delayMs));
    this.timers.set(key, timer);
  }

  cancel(key: K): void {
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
  }

  /** Whether a run is scheduled for `key`. */
  has(key: K): boolean {
    return this.timers.has(key);
  }

  get pending(): number {
    return this.timers.size;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
