// Arm evidence (a sub-face of ledger/, Contract 1 of issue 33): per-arm files a viewer shows, kept per machine, not a ledger.
export { cutText, describeCut, redactAndCut, type CutText } from './cut-text.js';
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
export { listArmEvidence, readArmEvidence } from './read-arm-evidence.js';
export { appendTurnRecord, writeArmSummary, writeDiffPatch, writeTestLog, writeTestsEvidence } from './write-evidence.js';
