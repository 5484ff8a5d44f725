// What the API's handlers share: the data dir, the reader's computed views, the ledger's generation, the login names and the clock.
import type { AccountNames } from '../reports/index.js';
import type { LedgerWork } from './ledger-work.js';

export interface ApiContext {
  dataDir: string;
  work: LedgerWork;
  generation: () => number;
  now: () => Date;
  /** Each login's e-mail by account (`acct-…`), read once when the viewer started; never written anywhere. */
  accountNames?: AccountNames;
}
