// What the API's handlers share: the data dir, the reader's computed views, the ledger's generation and the clock.
import type { LedgerWork } from './ledger-work.js';

export interface ApiContext {
  dataDir: string;
  work: LedgerWork;
  generation: () => number;
  now: () => Date;
}
