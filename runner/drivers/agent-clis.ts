// Each agent CLI the runner drives, one entry each: how it starts, its version, its stream's usage, its OTel names.
import { ClaudeEventUsage, CodexEventUsage, type CreateStreamReader, GeminiEventUsage } from '../../budget/index.js';
import { findDriverCli } from '../../ledger/vocabulary/index.js';
import { claudeDriver } from './claude-driver.js';
import { codexDriver } from './codex-driver.js';
import type { Driver, DriverName } from './driver.js';
import { geminiDriver } from './gemini-driver.js';
import { scriptedDriver } from './scripted-driver.js';

/**
 * One agent CLI, declared once. What another floor owns is named here and checked there by
 * architecture/agent-clis.test.ts: the OpenTelemetry event sources/parsers/otlp reads its tokens from, the tool the
 * scripted solver (model-server/solver) writes a file with, and the names its provider descriptor gives it.
 */
export interface AgentCli {
  /** Writes its settings and says how to start it in an arm; its `readVersion` is the version probe. */
  driver: Driver;
  /** A fresh reader of the usage its event stream (stdout) carries, one per process output. */
  readUsage: CreateStreamReader;
  /** The OpenTelemetry log event whose attributes carry one request's tokens. */
  otelUsageEvent: string;
  /** The tool it offers that the scripted solver writes a file with. */
  writeTool: string;
}

export type AgentCliName = Exclude<DriverName, 'scripted'>;

export const AGENT_CLIS: Readonly<Record<AgentCliName, AgentCli>> = {
  claude: {
    driver: claudeDriver,
    readUsage: () => new ClaudeEventUsage(),
    otelUsageEvent: 'claude_code.api_request',
    writeTool: 'Write',
  },
  codex: {
    driver: codexDriver,
    readUsage: () => new CodexEventUsage(),
    otelUsageEvent: 'codex.sse_event',
    writeTool: 'exec_command',
  },
  gemini: {
    driver: geminiDriver,
    readUsage: () => new GeminiEventUsage(),
    otelUsageEvent: 'gemini_cli.api_response',
    writeTool: 'write_file',
  },
};

/** The drivers a provider profile can name: every agent CLI's, and the scripted agent (which prints Claude Code's stream). */
export const AGENT_DRIVERS: Readonly<Record<DriverName, Driver>> = {
  ...(Object.fromEntries(Object.entries(AGENT_CLIS).map(([name, cli]) => [name, cli.driver])) as Record<AgentCliName, Driver>),
  scripted: scriptedDriver,
};

/** The stream readers of every agent CLI: what an arm's stdout is read with, whichever CLI printed it. */
export function listUsageReaders(): CreateStreamReader[] {
  return Object.values(AGENT_CLIS).map((cli) => cli.readUsage);
}

/** What an agent CLI's entry lacks, by field: a piece left out of its entry, or names no provider descriptor gives it. */
export function checkAgentCliComplete(name: string, cli: Partial<AgentCli>): { field: string; problem: string }[] {
  const gaps: { field: string; problem: string }[] = [];
  if (cli.driver?.name !== name) gaps.push({ field: 'driver', problem: `expected the ${name} driver` });
  if (typeof cli.driver?.readVersion !== 'function') gaps.push({ field: 'driver.readVersion', problem: 'expected a version probe' });
  if (typeof cli.readUsage !== 'function') gaps.push({ field: 'readUsage', problem: 'expected a reader of its event stream' });
  if (!cli.otelUsageEvent) gaps.push({ field: 'otelUsageEvent', problem: 'expected the OpenTelemetry event with its tokens' });
  if (!cli.writeTool) gaps.push({ field: 'writeTool', problem: 'expected the tool the scripted solver writes with' });
  if (findDriverCli(name) === null) gaps.push({ field: 'names', problem: 'expected a provider descriptor whose cli names it' });
  return gaps;
}
