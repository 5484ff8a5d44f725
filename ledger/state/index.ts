// Each agent's local state (state/<agent>/windows.json, a sub-face of ledger/): what it last recorded, for the next
// command's defaults. Not in the store's face: its schema loads zod, which preview and the statusline do without.
export { noteAgentWindow, readAgentState, type AgentState } from './agent-state.js';
export { FAILOVER_STATE_FILE, readFailoverState, writeFailoverState, type FailoverState } from './failover-state.js';
export { noteQuotaPlan, type QuotaPlanNote, readQuotaPlans } from './quota-plans.js';
