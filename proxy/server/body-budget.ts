// Counts the request-body bytes all requests hold in memory together, so many large uploads cannot exhaust it.

/** One request's share of the budget: bytes are taken as chunks arrive and given back once, when the request is over. */
export interface BodyLease {
  /** False (taking nothing) when the bytes would pass the total. */
  take(bytes: number): boolean;
  /** Gives back everything this lease took; later calls do nothing. */
  release(): void;
}

export class BodyBudget {
  private held = 0;

  constructor(readonly totalBytes: number) {}

  /** Bytes held by all requests now. */
  heldBytes(): number {
    return this.held;
  }

  openLease(): BodyLease {
    let mine = 0;
    let released = false;
    return {
      take: (bytes) => {
        if (released || this.held + bytes > this.totalBytes) return false;
        this.held += bytes;
        mine += bytes;
        return true;
      },
      release: () => {
        if (released) return;
        released = true;
        this.held -= mine;
        mine = 0;
      },
    };
  }
}
