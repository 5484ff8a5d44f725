// The built-in providers as data: each one's ledger id, protocol, back ends and account aliases, declared once.
import { AppError } from '../../kernel/index.js';
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

/** The protocol a profile's login signs its CLI in to, where it is not its provider's (sources/agents decides the rest). */
export function findProfileLoginProtocol(login: ProfileLogin | undefined): ProtocolId | undefined {
  return login === undefined ? undefined : LOGIN_PROTOCOLS[login];
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
 * Which agent CLIs speak to it is theirs to say (sources/agents: the protocols each speaks); a profile pairs the two.
 */
const DECLARED: ProviderDescriptor[] = [
  {
    id: 'claude',
    protocol: 'anthropic-messages',
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
 * (budget/prices). It has no `headerFamily`, `screens`, `ccusage` or `models`: what those name is built in.
 */
export interface UserProvider extends ProviderDescriptor {
  /** The file that declares it, as messages name it: `providers.json` (the data dir's) or `providers/<name>.json` (the package's catalog). */
  declaredIn: string;
  agent?: { driver: string; model: string; plan?: string | undefined; billing?: string | undefined };
  plans?: Readonly<Record<string, unknown>>;
  prices?: Readonly<Record<string, unknown>>;
}

/**
 * The provider a rate-limit header family's bars belong to. A family no provider declares is refused, naming it: its
 * bars charged to the first provider (Claude) would move another subscription's readings without a word.
 */
export function findHeaderFamilyProvider(family: string): string {
  const provider = PROVIDERS.find((one) => one.headerFamily === family);
  if (provider === undefined)
    throw new AppError(
      'RULE_VIOLATION',
      `no provider declares the rate-limit header family ${JSON.stringify(family)}: expected one of ${PROVIDERS.flatMap((one) => (one.headerFamily === undefined ? [] : [one.headerFamily])).join(', ')} (a provider's headerFamily)`,
      { where: 'ledger/vocabulary/providers.ts' },
    );
  return provider.id;
}

/**
 * Seed 001's seats: the back end its sub-agent proof of concept routes to (G3, the `claude+glm` profile's) and the seat
 * added when G3 does not pass ("GLM first if POC wins; otherwise Claude Max").
 */
export const SEED_SEATS = { routed: 'glm', fallback: 'claude' } as const;
