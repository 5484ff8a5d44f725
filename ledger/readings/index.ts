// Recording capacity readings (a sub-face of ledger/): a reading is appended when it changes. The statusline records
// one on every Claude Code prompt, so this face loads no row schema; the finders, which parse rows with theirs, are
// in ledger/index.ts.
export { recordReadingIfChanged, recordReadings, type ReadingOutcome, type ReadingRequest } from './record-reading.js';
