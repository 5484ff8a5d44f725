// The scripted model server: an offline Anthropic Messages + OpenAI Responses endpoint that plays scripts.
export { startScriptedServer, type ScriptedServer, type ScriptedServerOptions } from './start-scripted-server.js';
export { loadScript, parseScript } from './load-script.js';
export { BUILTIN_SCRIPT_NAMES, BUILTIN_SCRIPTS, getBuiltinScript, resolveScript } from './builtin-scripts.js';
export { formatSentRecord, type ScriptedRoute, type SentRecord } from './sent-record.js';
export { parseSseText, type ParsedSseEvent } from './parse-sse-text.js';
export type { PlayOutcome } from './play-response.js';
export type { ResolvedUsage } from './resolve-usage.js';
export { ScriptSchema, StepSchema, type Script, type ScriptInput, type Step } from './script-schema.js';
export {
  SOLVER_PROFILES,
  DEFAULT_SOLVER_PROFILE,
  SOLVER_BAR_LIMITS,
  decideSolves,
  hashSolveRoll,
  resolveTasksDir,
  selectAccount,
  selectBarLimits,
  liftUnits,
  readQuotaState,
  rewindCharges,
  writeQuotaState,
  type QuotaState,
  type SolverProfile,
} from './solver/index.js';
