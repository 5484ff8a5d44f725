// The agent CLIs tracker knows, one entry each, and what other floors ask of them: names, protocols, fit with a provider.
import { AppError } from '../../kernel/index.js';
import { findProfileLoginProtocol, type ProfileLogin, type ProtocolId } from '../../ledger/vocabulary/index.js';
import type { AgentCli } from './agent-cli.js';
import { CLAUDE_CLI } from './claude/index.js';
import { CODEX_CLI } from './codex/index.js';
import { GEMINI_CLI } from './gemini/index.js';

export type { AgentCli, OtelExporter } from './agent-cli.js';
export { formatResourceAttributes } from './otel-resource-attributes.js';

/** Every agent CLI by its driver name. `satisfies` with every field of AgentCli required: an incomplete entry does not compile. */
export const AGENT_CLIS = {
  claude: CLAUDE_CLI,
  codex: CODEX_CLI,
  gemini: GEMINI_CLI,
} as const satisfies Record<string, AgentCli>;
export type CliId = keyof typeof AGENT_CLIS;
export const CLI_IDS = Object.keys(AGENT_CLIS) as CliId[];

/** The scripted agent (runner/drivers/scripted-agent) prints Claude Code's stream and speaks its protocol; it is no CLI. */
const SCRIPTED_PROTOCOLS: readonly ProtocolId[] = ['anthropic-messages'];

/** The agent CLI of a driver name, or null for the scripted agent and a name no entry has. */
export function findAgentCli(driver: string): AgentCli | null {
  return Object.hasOwn(AGENT_CLIS, driver) ? AGENT_CLIS[driver as CliId] : null;
}

/** The protocols a driver's agent speaks, its default first. A name no entry has is refused, never given a default. */
export function findCliProtocols(driver: string, where?: string): readonly ProtocolId[] {
  if (driver === 'scripted') return SCRIPTED_PROTOCOLS;
  const cli = findAgentCli(driver);
  if (cli === null)
    throw new AppError('BAD_INPUT', `no agent CLI ${JSON.stringify(driver)}: expected one of ${CLI_IDS.join(', ')}, scripted`, {
      ...(where === undefined ? {} : { where }),
    });
  return cli.protocols;
}

/** Whether a driver's agent can speak a protocol: what a profile (CLI x provider) is checked for. */
export function speaksProtocol(driver: string, protocol: ProtocolId): boolean {
  return findCliProtocols(driver).includes(protocol);
}

/** Refuses a pairing of a CLI with a provider whose protocol it cannot speak, naming both and what each speaks. */
export function checkProtocolFit(driver: string, provider: { id: string; protocol: ProtocolId }, where?: string): void {
  const spoken = findCliProtocols(driver, where);
  if (spoken.includes(provider.protocol)) return;
  throw new AppError(
    'BAD_INPUT',
    `agent CLI ${driver} speaks ${spoken.join(', ')}; provider ${provider.id} speaks ${provider.protocol}: pair ${provider.id} with a CLI that speaks ${provider.protocol}`,
    { kind: 'protocol-fit', ...(where === undefined ? {} : { where }) },
  );
}

/**
 * The protocol a profile's arms speak: the one its login signs in to, else its provider's when the CLI speaks it, else
 * the CLI's default (the scripted server and a URL have no protocol of their own).
 */
export function findProfileProtocol(driver: string, login: ProfileLogin | undefined, provider?: ProtocolId): ProtocolId {
  const byLogin = findProfileLoginProtocol(login);
  if (byLogin !== undefined) return byLogin;
  const spoken = findCliProtocols(driver);
  return provider !== undefined && spoken.includes(provider) ? provider : (spoken[0] as ProtocolId);
}

/** The agent (`claude-code`, `codex`) an OpenTelemetry service name belongs to; an unknown name is its own agent. */
export function identifyAgent(serviceName: string | null): string | null {
  if (serviceName === null) return null;
  return Object.values(AGENT_CLIS).find((cli) => cli.otel.service.test(serviceName))?.agent ?? serviceName;
}

/** The provider an agent's sessions are charged to when nothing says (`claude-code` -> `claude`), or null. */
export function findAgentProvider(agent: string): string | null {
  return Object.values(AGENT_CLIS).find((cli) => cli.agent === agent)?.homeProvider ?? null;
}

/** Whether a driver's agent has sub-agents whose requests the proxy can route. */
export function hasSubagents(driver: string): boolean {
  return findAgentCli(driver)?.subagents === true;
}
