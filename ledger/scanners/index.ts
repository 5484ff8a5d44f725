// The byte scanners' public face (a sub-face of ledger/): the window views preview folds without parsing every row.
export { scanWindowViews, type ScanWindowsResult, type ViewFoldHooks, type WindowView } from './scan-window-views.js';
