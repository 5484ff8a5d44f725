// The built-in providers as data: each one's ledger id, protocol, agent CLI, back ends and account aliases, declared once.
import type { KeyHeader, ProtocolId } from './protocols.js';

/** The providers whose own quota endpoint tracker reads (sources/quota/kinds/: one file each). */
export const QUOTA_KINDS = ['claude', 'codex', 'glm', 'gemini'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

/** A profile's `login`, and the CLI whose own login file the proxy sends for it (a back end's `auth_login`, proxy/forward/). */
export const PROFILE_LOGINS = { chatgpt: 'codex', google: 'gemini' } as const;
export type ProfileLogin = keyof typeof PROFILE_LOGINS;
export type BackendLoginKind = (typeof PROFILE_LOGINS)[ProfileLogin];
export const BACKEND_LOGIN_KINDS = Object.values(PROFILE_LOGINS) as readonly BackendLoginKind[];
/** The protocol a login signs the CLI in to, where it is not the CLI's own (Gemini CLI with Google: Code Assist). */
const LOGIN_PROTOCOLS: Readonly<Partial<Record<ProfileLogin, ProtocolId>>> = { google: 'code-assist' };

/** The protocol a back end's login signs in to, where the login is good for that protocol alone (Google's: Code Assist). */
export function findLoginProtocol(kind: BackendLoginKind): ProtocolId | undefined {
  const login = (Object.keys(PROFILE_LOGINS) as ProfileLogin[]).find((name) => PROFILE_LOGINS[name] === kind);
  return login === undefined ? undefined : LOGIN_PROTOCOLS[login];
}

/** The protocol a profile's arms speak: the one its login signs in to, else its CLI's. */
export function findProfileProtocol(driver: string, login: ProfileLogin | undefined): ProtocolId {
  return (login === undefined ? undefined : LOGIN_PROTOCOLS[login]) ?? findDriverProtocol(driver);
}

/** A back end the proxy knows by name (`--upstream glm`, a config's `preset`): where it is and how it is signed in to. */
export interface BackendPreset {
  url: string;
  /** The variable holding its key, when the client's own credentials must not go there. */
  auth_env?: string;
  auth_header?: KeyHeader;
  /** The API it speaks when it is not its provider's (Code Assist: Gemini's requests wrapped). */
  protocol?: ProtocolId;
}

export interface ProviderDescriptor {
  /** The ledger's provider id: file names, columns, `--provider`. */
  id: string;
  /** The protocol its API speaks (and so the usage fields, error envelope and scripted answers that apply). */
  protocol: ProtocolId;
  /** The agent CLI that is this provider's own, by driver name, and the names it gives itself in OpenTelemetry. */
  cli?: { driver?: string; agent: string; otelService: RegExp; subagents?: boolean };
  /** Built-in profiles whose arms spend this provider's account under another name. */
  profiles: readonly string[];
  /** The proxy's presets that reach this provider, by name. */
  backends: Readonly<Record<string, BackendPreset>>;
  /** The rate-limit header family its answers carry bars in (sources/parsers/anthropic-rate-limits.ts, codex-rate-limits.ts). */
  headerFamily?: string;
  /** The models that are this provider's account whatever protocol they are spoken in (GLM's through Anthropic's). */
  models?: RegExp;
  /** The snapshot formats that are this provider's own screens (`tracker snapshot --format`). */
  screens?: readonly string[];
  /** Its report in ccusage `--json`: the field its cost is in, and whether ccusage's `blocks` are its. */
  ccusage?: { costField: 'totalCost' | 'costUSD'; blocks?: boolean };
  /** The plans it sells (ids of the plan table, budget/plans), cheapest first; a declared provider's are its `plans`. */
  tiers?: readonly string[];
}

/**
 * Anthropic and OpenAI keep the client's own credentials (a subscription's OAuth token passes through); so does ChatGPT,
 * the back end Codex uses signed in with ChatGPT (proxy/config/presets.ts says why its paths are mirrored). GLM gets
 * ZAI_API_KEY as a bearer token, as Z.ai's Claude Code guide sets ANTHROPIC_AUTH_TOKEN (https://docs.z.ai/devpack/tool/claude).
 * Codex 0.169 names itself `codex_exec`, `codex-tui`, ... in OpenTelemetry; Claude Code `claude-code`.
 */
const DECLARED: ProviderDescriptor[] = [
  {
    id: 'claude',
    protocol: 'anthropic-messages',
    // `subagents`: Claude Code's Agent tool sends its sub-agents' requests at the haiku tier, which the proxy can route.
    cli: { driver: 'claude', agent: 'claude-code', otelService: /^claude-code$/, subagents: true },
    profiles: ['claude+glm'],
    backends: { anthropic: { url: 'https://api.anthropic.com' } },
    headerFamily: 'anthropic',
    screens: ['claude-usage', 'claude-statusline'],
    ccusage: { costField: 'totalCost', blocks: true },
    tiers: ['claude-pro', 'claude-max-5x', 'claude-max-20x'],
  },
  {
    id: 'codex',
    protocol: 'openai-responses',
    cli: { driver: 'codex', agent: 'codex', otelService: /^codex(?:[-_]|$)/ },
    profiles: ['codex-chatgpt'],
    backends: { openai: { url: 'https://api.openai.com' }, chatgpt: { url: 'https://chatgpt.com' } },
    headerFamily: 'codex',
    screens: ['codex-status'],
    ccusage: { costField: 'costUSD' },
    tiers: ['chatgpt-plus', 'chatgpt-pro'],
  },
  {
    id: 'glm',
    protocol: 'anthropic-messages',
    profiles: [],
    backends: { glm: { url: 'https://api.z.ai/api/anthropic', auth_env: 'ZAI_API_KEY', auth_header: 'authorization' } },
    models: /^glm(?:-|$)/i,
    tiers: ['glm-coding-lite', 'glm-coding-pro', 'glm-coding-max'],
  },
  {
    // Gemini CLI: its driver points it at the proxy (GOOGLE_GEMINI_BASE_URL); a Google AI plan's daily bar comes from
    // Code Assist's quota (sources/quota/kinds/gemini.ts).
    id: 'gemini',
    protocol: 'gemini-generate-content',
    cli: { driver: 'gemini', agent: 'gemini-cli', otelService: /^gemini-cli$/ },
    profiles: ['gemini-google'],
    // The client's key passes through; with `auth_env` the proxy sends its own in Gemini's header. `code-assist` is
    // where Gemini CLI signed in with Google goes (its CODE_ASSIST_ENDPOINT default), the Google login passing through.
    backends: {
      gemini: { url: 'https://generativelanguage.googleapis.com', auth_header: 'x-goog-api-key' },
      'code-assist': { url: 'https://cloudcode-pa.googleapis.com', protocol: 'code-assist' },
    },
    tiers: ['google-ai-pro', 'google-ai-ultra'],
  },
];
export const PROVIDERS: readonly ProviderDescriptor[] = Object.freeze(DECLARED);

/**
 * A declared provider: an entry of the package's catalog (providers/*.json) or of the data dir's providers.json
 * (cli/load-provider-catalog.ts reads and checks both). A built-in's fields, and the parts other floors own, each read
 * and checked by its own domain: the profile of the same id (runner), its plans (budget/plans) and its model prices
 * (budget/prices). It has no `cli`, `headerFamily`, `screens`, `ccusage` or `models`: what those name is built in.
 */
export interface UserProvider extends ProviderDescriptor {
  /** The file that declares it, as messages name it: `providers.json` (the data dir's) or `providers/<name>.json` (the package's catalog). */
  declaredIn: string;
  agent?: { driver: string; model: string; plan?: string | undefined; billing?: string | undefined };
  plans?: Readonly<Record<string, unknown>>;
  prices?: Readonly<Record<string, unknown>>;
}

/** The protocol an agent CLI speaks, by its driver name; a driver no provider declares speaks Anthropic's. */
export function findDriverProtocol(driver: string): ProtocolId {
  return PROVIDERS.find((provider) => provider.cli?.driver === driver)?.protocol ?? 'anthropic-messages';
}

/** The names an agent CLI gives itself (its agent name, its OpenTelemetry service), by its driver name; null if none. */
export function findDriverCli(driver: string): NonNullable<ProviderDescriptor['cli']> | null {
  return PROVIDERS.find((provider) => provider.cli?.driver === driver)?.cli ?? null;
}

/** The agent (`claude-code`, `codex`) an OpenTelemetry service name belongs to; an unknown name is its own agent. */
export function identifyAgent(serviceName: string | null): string | null {
  if (serviceName === null) return null;
  return PROVIDERS.find((provider) => provider.cli?.otelService.test(serviceName))?.cli?.agent ?? serviceName;
}

/** The provider whose CLI is this agent (`claude-code` -> `claude`), or null. */
export function findAgentProvider(agent: string): string | null {
  return PROVIDERS.find((provider) => provider.cli?.agent === agent)?.id ?? null;
}

/** The provider a rate-limit header family's bars belong to, else the first provider's. */
export function findHeaderFamilyProvider(family: string): string {
  return (PROVIDERS.find((provider) => provider.headerFamily === family) ?? PROVIDERS[0])?.id as string;
}

/**
 * Seed 001's seats: the back end its sub-agent proof of concept routes to (G3, the `claude+glm` profile's) and the seat
 * added when G3 does not pass ("GLM first if POC wins; otherwise Claude Max").
 */
export const SEED_SEATS = { routed: 'glm', fallback: 'claude' } as const;
