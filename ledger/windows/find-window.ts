// Finds one agent's window by id, across providers, for commands that name only the window.
import { AppError } from '../../kernel/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanLedger } from '../store/scan-ledger.js';
import { foldAgentWindows, type AgentWindow } from './fold-agent-windows.js';

export interface FoundWindow {
  provider: string;
  window: AgentWindow;
}

export function findWindow(dataDir: string, agentId: string, windowId: string, provider?: string): FoundWindow {
  const providers = new Set<string>();
  if (provider !== undefined) providers.add(provider);
  else {
    scanLedger(
      dataDir,
      LEDGER_FILES.snapshots,
      (row) => {
        if (row.kind === 'snapshot' && row.agent_id === agentId && row.window_id === windowId && typeof row.provider === 'string')
          providers.add(row.provider);
      },
      { needles: [JSON.stringify(windowId), JSON.stringify(agentId)] },
    );
  }
  const found = [...providers].flatMap((candidate) => {
    const window = foldAgentWindows(dataDir, agentId, candidate).find((entry) => entry.windowId === windowId);
    return window ? [{ provider: candidate, window }] : [];
  });
  const [first, second] = found;
  if (!first)
    throw new AppError('NOT_FOUND', `no window ${windowId} for agent ${agentId}${provider ? ` and provider ${provider}` : ''}`, {
      where: '--window',
    });
  if (second)
    throw new AppError(
      'BAD_USAGE',
      `window ${windowId} exists for providers ${found.map((entry) => entry.provider).join(' and ')}: pass --provider`,
      { where: '--window' },
    );
  return first;
}
