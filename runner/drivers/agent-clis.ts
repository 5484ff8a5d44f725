// Each agent CLI's launcher: its driver and its stream's usage reader, beside its pure parts (sources/agents).
import { ClaudeEventUsage, CodexEventUsage, type CreateStreamReader, GeminiEventUsage } from '../../budget/index.js';
import { AGENT_CLIS as PURE_CLIS, type AgentCli, type CliId } from '../../sources/agents/index.js';
import { listOtelUsageEvents } from '../../sources/parsers/otlp/index.js';
import { claudeDriver } from './claude-driver.js';
import { codexDriver } from './codex-driver.js';
import type { Driver, DriverName } from './driver.js';
import { geminiDriver } from './gemini-driver.js';
import { scriptedDriver } from './scripted-driver.js';

/** What launches an agent CLI and reads its stdout: the impure half, where drivers live. */
export interface AgentLauncher {
  /** Writes its settings and says how to start it in an arm; its `readVersion` is the version probe. */
  driver: Driver;
  /** A fresh reader of the usage its event stream (stdout) carries, one per process output. */
  readUsage: CreateStreamReader;
}

/** One line per CLI. `satisfies Record<CliId, ...>`: a CLI of sources/agents without a launcher does not compile. */
const LAUNCHERS = {
  claude: { driver: claudeDriver, readUsage: () => new ClaudeEventUsage() },
  codex: { driver: codexDriver, readUsage: () => new CodexEventUsage() },
  gemini: { driver: geminiDriver, readUsage: () => new GeminiEventUsage() },
} as const satisfies Record<CliId, AgentLauncher>;

/** An agent CLI whole: its pure parts and its launcher. */
export type RunnableCli = AgentCli & AgentLauncher;
export type AgentCliName = CliId;

export const AGENT_CLIS: Readonly<Record<CliId, RunnableCli>> = Object.fromEntries(
  (Object.keys(LAUNCHERS) as CliId[]).map((name) => [name, { ...PURE_CLIS[name], ...LAUNCHERS[name] }]),
) as unknown as Record<CliId, RunnableCli>;

/** The drivers a provider profile can name: every agent CLI's, and the scripted agent (which prints Claude Code's stream). */
export const AGENT_DRIVERS: Readonly<Record<DriverName, Driver>> = {
  ...(Object.fromEntries(Object.entries(LAUNCHERS).map(([name, launcher]) => [name, launcher.driver])) as Record<CliId, Driver>),
  scripted: scriptedDriver,
};

/** The stream readers of every agent CLI: what an arm's stdout is read with, whichever CLI printed it. */
export function listUsageReaders(): CreateStreamReader[] {
  return Object.values(LAUNCHERS).map((launcher) => launcher.readUsage);
}

/**
 * What the compiler cannot see in an entry, by field: a driver of another name, no version probe or stream reader (an
 * entry built at run time), an OpenTelemetry event the OTLP receiver does not read, an exporter that sets nothing.
 */
export function checkAgentCliComplete(name: string, cli: Partial<RunnableCli>): { field: string; problem: string }[] {
  const gaps: { field: string; problem: string }[] = [];
  if (cli.driver?.name !== name) gaps.push({ field: 'driver', problem: `expected the ${name} driver` });
  if (typeof cli.driver?.readVersion !== 'function') gaps.push({ field: 'driver.readVersion', problem: 'expected a version probe' });
  if (typeof cli.readUsage !== 'function') gaps.push({ field: 'readUsage', problem: 'expected a reader of its event stream' });
  if (!cli.otel?.usageEvent || !listOtelUsageEvents().includes(cli.otel.usageEvent))
    gaps.push({ field: 'otel.usageEvent', problem: 'expected an OpenTelemetry event the OTLP receiver reads tokens from' });
  const exported = cli.otel?.exporter;
  const sets = exported
    ? Object.keys(exported.buildEnv('http://127.0.0.1:1', {})).length + exported.buildConfig('http://127.0.0.1:1', String).length
    : 0;
  if (sets === 0) gaps.push({ field: 'otel.exporter', problem: 'expected settings that send its OpenTelemetry to the proxy' });
  if (!cli.protocols?.length) gaps.push({ field: 'protocols', problem: 'expected the protocols it speaks' });
  if (!cli.writeTool) gaps.push({ field: 'writeTool', problem: 'expected the tool the scripted solver writes with' });
  return gaps;
}
