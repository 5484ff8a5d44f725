// Under the ledger's lock: the agent's windows for a provider and the one a command asks for (by id, or its default).
import { type AgentWindow, foldAgentWindows, type SkippedRowHandler } from './fold-agent-windows.js';

export interface WindowAsked {
  provider: string;
  /** The window named (--window); without it, `pickDefault` chooses. */
  windowId?: string | undefined;
  onSkippedRow?: SkippedRowHandler | undefined;
}

export interface RequestedWindow {
  /** All the agent's windows for the provider, in the order they were opened. */
  windows: AgentWindow[];
  /** The one asked for, or undefined when there is none (the caller says why, in its own words). */
  window: AgentWindow | undefined;
  /** `provider P (agent A)`, for the caller's refusal. */
  who: string;
}

/** Read fresh inside appendRows' build, so the rule it checks and the row it appends see the same ledger. */
export function readRequestedWindow(
  dataDir: string,
  agentId: string,
  asked: WindowAsked,
  pickDefault: (windows: AgentWindow[]) => AgentWindow | undefined,
): RequestedWindow {
  const windows = foldAgentWindows(dataDir, agentId, asked.provider, asked.onSkippedRow);
  const who = `provider ${asked.provider} (agent ${agentId})`;
  const window = asked.windowId !== undefined ? windows.find((candidate) => candidate.windowId === asked.windowId) : pickDefault(windows);
  return { windows, window, who };
}
