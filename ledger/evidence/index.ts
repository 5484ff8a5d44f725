// Arm evidence (a sub-face of ledger/, the viewer's evidence contract): per-arm files a viewer shows, kept per machine, not a ledger.
export { type CutText, cutText, describeCut, dropPartialKeyAtEnd, dropPartialKeyAtStart, redactAndCut } from './cut-text.js';
export {
  EVIDENCE_CAPS,
  EVIDENCE_DIR,
  EVIDENCE_FILES,
  isEvidenceWindowId,
  resolveEvidenceDir,
  resolveEvidenceRoot,
} from './evidence-paths.js';
export {
  type ArmEvidence,
  type ArmEvidenceSummary,
  ArmEvidenceSummarySchema,
  type MessageBlock,
  MessageBlockSchema,
  type TestsEvidence,
  TestsEvidenceSchema,
  type ToolCall,
  ToolCallSchema,
  type TurnMessage,
  TurnMessageSchema,
  type TurnRecord,
  TurnRecordSchema,
} from './evidence-schemas.js';
export { EVIDENCE_READ_CAPS, listArmEvidence, readArmEvidence } from './read-arm-evidence.js';
export {
  appendTurnRecord,
  appendTurnRecordAsync,
  writeArmSummary,
  writeDiffPatch,
  writeTestLog,
  writeTestsEvidence,
} from './write-evidence.js';
