// The window rules (a sub-face of ledger/): a capture's before and after, completion, undo and the reset buffer, each
// enforced under the ledger's lock (invariants 2, 4 and 5). `tracker snapshot` and `complete` load this face.
export { computeCapacity, toCapacityPoint, type CapacityPoint, type CapacityResult } from './compute-capacity.js';
export { findCurrentWindow, foldAgentWindows, type AgentWindow } from './fold-agent-windows.js';
export { recordSnapshot, type CaptureReading, type SnapshotOutcome, type SnapshotRequest } from './record-snapshot.js';
export { undoCapture, type UndoOutcome, type UndoRequest } from './undo-capture.js';
export { retractAttempt, type RetractAttemptRequest } from './retract-attempt.js';
export { completeWindow, type CompleteRequest } from './complete-window.js';
export { AFTER_TOO_SOON, RESET_BUFFER_MS } from './reset-buffer.js';
export { findWindow, type FoundWindow } from './find-window.js';
