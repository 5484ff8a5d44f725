// The one small interface every agent driver (each agent CLI's, and the scripted agent's) implements for the runner.
import type { ProfileLogin } from '../../ledger/vocabulary/index.js';
import { CLI_IDS, type CliId } from '../../sources/agents/index.js';

/** What the runner knows about one arm when it asks a driver how to start the agent. */
export interface LaunchRequest {
  /** The sandbox's git working tree: the agent's cwd, the only folder it should write. */
  workDir: string;
  /** A fresh, empty folder of this arm for the agent's HOME, CODEX_HOME and config files. */
  homeDir: string;
  /** The whole prompt: instructions, a `Task id: <id>` line and the task's spec. */
  prompt: string;
  /**
   * The proxy's base URL without a trailing slash and without /v1: at a run's proxy the arm's own, with a secret path
   * (http://127.0.0.1:8787/_arm/<token>) that decides what the agent's requests are charged to (docs/proxy.md).
   */
  proxyUrl: string;
  /** The model the provider profile asks for. */
  model: string;
  /** Attribution headers for every request (x-tracker-window, x-tracker-agent, x-tracker-feature, x-tracker-provider). */
  headers: Record<string, string>;
  /** Variables taken over from the runner's environment (a real subscription's credentials); empty by default. */
  passEnv: Record<string, string>;
  /** The program to start when the profile names one (a path or a name on PATH); else the driver's default. */
  command?: string | undefined;
  /**
   * A model for the sub-agent request the scripted agent makes first (a haiku-tier model, so the proxy's
   * sub-agent route takes it); real CLIs make their own and ignore this.
   */
  subagentModel?: string | undefined;
  /**
   * The subscription login the agent runs under (provider profile `login`), holding only a placeholder while the
   * proxy sends the real one: `chatgpt`, Codex talking to the proxy's mirror of the ChatGPT back end
   * (`<proxyUrl>/backend-api/codex`); `google`, Gemini CLI talking to Code Assist at the proxy. Absent: an API key.
   */
  login?: ProfileLogin | undefined;
  /**
   * The runner starts the agent inside its own sandbox (runner/isolation): a CLI's own sandbox is then switched off,
   * since it cannot nest there (see codex-driver.ts). False or absent: the CLI keeps its own.
   */
  isolated?: boolean | undefined;
}

/** How to start the agent: always a program and arguments, never a shell line. */
export interface AgentLaunch {
  file: string;
  args: string[];
  /** The complete environment (the runner does not extend it with its own). */
  env: Record<string, string>;
  cwd: string;
}

/** Every agent CLI's driver (sources/agents names them) and the scripted agent's. */
export type DriverName = CliId | 'scripted';
export const DRIVER_NAMES = [...CLI_IDS, 'scripted'] as unknown as readonly [DriverName, ...DriverName[]];

export interface Driver {
  readonly name: DriverName;
  /**
   * Writes what the agent needs under `homeDir` (config, settings) and says how to start it. The agent
   * must print its events on stdout in a shape `createAgentUsageReader` reads (Claude Code stream-json
   * with a final `result` line, Codex `exec --json` with `turn.completed`, or Gemini CLI stream-json with `result`).
   */
  prepare(request: LaunchRequest): AgentLaunch;
  /**
   * Reads one line of the agent's event stream: the reason when it shows a command that failed because of a sandbox
   * (the CLI's own, or ours), so the arm is recorded as an infrastructure failure, never as the provider's.
   */
  findSandboxFailure?(line: string): string | null;
  /** How long the CLI may take to start and answer `--version` (its measured start-up); absent: the common 5 s. */
  readonly startTimeoutMs?: number;
  /** The agent's version for a window's methodology, e.g. "claude-code 2.1.329"; "unknown" when it cannot tell. */
  readVersion(command?: string): Promise<string>;
}
