// The drivers a provider profile can name, by name: what the runner starts an arm's agent with.
import { claudeDriver } from './claude-driver.js';
import { codexDriver } from './codex-driver.js';
import type { Driver, DriverName } from './driver.js';
import { geminiDriver } from './gemini-driver.js';
import { scriptedDriver } from './scripted-driver.js';

export const AGENT_DRIVERS: Record<DriverName, Driver> = {
  claude: claudeDriver,
  codex: codexDriver,
  gemini: geminiDriver,
  scripted: scriptedDriver,
};
