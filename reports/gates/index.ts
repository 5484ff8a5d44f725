// The decision gates (a sub-face of reports/): G1-G3, and the gate fields a preview shows and records (priced, with pair power).
export {
  checkAtLeast,
  checkAtMost,
  combineChecks,
  type GateCheck,
  type GateId,
  type GateResult,
  type GateStatus,
} from './gate-result.js';
export {
  checkG1Summary,
  evaluateG1,
  G1_THRESHOLDS,
  type G1Basis,
  type G1ProviderResult,
  type G1Result,
} from './evaluate-g1.js';
export { readBasis } from './select-g1-looks.js';
export { countProviderPairs, summarizeGateFields, type GateFieldOptions } from './summarize-gate-fields.js';
export { buildPreviewEfficiency, type PreviewEfficiency, type PreviewEfficiencyInput } from './build-preview-efficiency.js';
export { evaluateG2, G2_THRESHOLDS, isBlockedOnlyByCapacity, type G2Result, type TaskStatus } from './evaluate-g2.js';
export { collectG3Input, type G3Input, type RequestSample } from './collect-g3-input.js';
export { evaluateG3, G3_THRESHOLDS, type G3Result } from './evaluate-g3.js';
export { decideGateExit, decideSeat, GATE_EXIT, type SeatDecision } from './decide-seat.js';
export { GATES_SCOPE_NOTE } from './describe-gates-scope.js';
