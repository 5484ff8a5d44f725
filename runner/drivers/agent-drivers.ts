// The drivers a provider profile can name, by name: what the runner starts an arm's agent with.
import { claudeDriver } from './claude-driver.js';
import { codexDriver } from './codex-driver.js';
import type { Driver } from './driver.js';
import { scriptedDriver } from './scripted-driver.js';

export const AGENT_DRIVERS: Record<'claude' | 'codex' | 'scripted', Driver> = {
  claude: claudeDriver,
  codex: codexDriver,
  scripted: scriptedDriver,
};
