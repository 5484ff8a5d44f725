// Provider profiles: which driver runs a provider's arms, with which model, through which upstream.
import { z } from 'zod';
import { PlanIdSchema, ProviderIdSchema, readJsonFile } from '../../ledger/index.js';
import {
  findDriverProtocol,
  findProvider,
  listBackendPresets,
  listUserProviders,
  PROFILE_LOGINS,
  type ProfileLogin,
} from '../../ledger/vocabulary/index.js';
import { AppError, hasUrlCredentials, suggestClosest } from '../../kernel/index.js';
import { QUOTA_KINDS } from '../../sources/quota/index.js';
import { DRIVER_NAMES } from '../drivers/driver.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Where the proxy sends a provider's traffic: `scripted` (the built-in model server, no API key), a proxy preset (the
 * descriptors' `anthropic`, `openai`, `chatgpt`, `glm`, `gemini`, and the data dir's declared providers, read when the
 * profile is checked) or an http(s) URL without a user or password.
 */
const UpstreamSchema = z.string().superRefine((value, ctx) => {
  if (value === 'scripted' || listBackendPresets().some((entry) => entry.name === value)) return;
  const presets = listBackendPresets().map((entry) => entry.name);
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    ctx.addIssue({
      code: 'custom',
      message: `expected scripted, a preset (${presets.join(', ')}) or an http(s) URL, got ${JSON.stringify(value)}`,
    });
  else if (hasUrlCredentials(url))
    ctx.addIssue({
      code: 'custom',
      message: 'expected a URL without a user or password (keys come from pass_env variables, never from the file)',
    });
});
export type Upstream = z.infer<typeof UpstreamSchema>;

export const ProviderProfileSchema = z
  .strictObject({
    driver: z.enum(DRIVER_NAMES),
    model: z.string().min(1),
    /** The agent program (a name on PATH or a path); the driver's default when absent. */
    command: z.string().min(1).optional(),
    upstream: UpstreamSchema,
    /**
     * `chatgpt`: Codex signed in with ChatGPT (a Plus or Pro plan) rather than an API key. The agent gets a placeholder
     * login; the proxy sends the real one, from the runner's $CODEX_HOME/auth.json (default ~/.codex), to the ChatGPT back
     * end (upstream `chatgpt`, or a URL serving its paths). The real login never enters the arm's sandbox.
     */
    login: z.enum(Object.keys(PROFILE_LOGINS) as [ProfileLogin, ...ProfileLogin[]]).optional(),
    /**
     * Read the arm's capacity from this provider's quota endpoint (claude, codex or glm): no request spent.
     * For a simulated provider the scripted server answers as that endpoint, for the account named by the model.
     */
    quota: z.enum(QUOTA_KINDS).optional(),
    /**
     * The scripted agent also sends one haiku-tier sub-agent request per arm (model `<model>-haiku`), as Claude Code
     * does on its own; real CLIs ignore it. With `subagents` the proxy then sends those requests elsewhere.
     */
    subagent_requests: z.boolean().optional(),
    /** Requests of one model tier go elsewhere: Claude Code's haiku (sub-agent) traffic to GLM, say. */
    subagents: z
      .strictObject({
        model_alias: z.enum(['haiku', 'sonnet', 'opus']).default('haiku'),
        upstream: UpstreamSchema,
        /** The model sent there instead of the one asked for. */
        model: z.string().min(1),
        /** Whose capacity those requests use: the back end's name in telemetry (G3 looks for `glm`). */
        provider: ProviderIdSchema.default('glm'),
        /** Read that subscription's bars from its quota endpoint before and after each arm, so its share is priced too. */
        quota: z.enum(QUOTA_KINDS).optional(),
        /** That subscription's plan (an id of the plan table). */
        plan: PlanIdSchema.optional(),
      })
      .optional(),
    /** The subscription plan this provider is measured under (an id of the plan table); `--plan` overrides it. */
    plan: PlanIdSchema.optional(),
    /**
     * `per-token`: an API key billed per token, no plan and no bars. Its windows are counted in tokens at the proxy and
     * priced at list prices (budget/prices), so it compares with subscriptions in dollars.
     */
    billing: z.enum(['per-token']).optional(),
    /** Names of environment variables the agent may see (a real subscription's credentials); values are never written anywhere. */
    pass_env: z.array(z.string().regex(ENV_NAME, 'expected an environment variable name')).default([]),
    description: z.string().default(''),
  })
  .superRefine((profile, ctx) => {
    if (profile.billing === 'per-token' && (profile.plan !== undefined || profile.quota !== undefined || profile.login !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['billing'],
        message: `expected no ${profile.plan !== undefined ? 'plan' : profile.quota !== undefined ? 'quota' : 'login'} with billing "per-token": an API key has neither plan nor bars`,
      });
    else if (profile.login === 'chatgpt' && profile.driver !== 'codex')
      ctx.addIssue({ code: 'custom', path: ['login'], message: 'expected driver "codex": only Codex signs in with ChatGPT' });
    else if (profile.login === 'chatgpt' && isPreset(profile.upstream) && profile.upstream !== 'chatgpt')
      ctx.addIssue({
        code: 'custom',
        path: ['upstream'],
        message: `expected "chatgpt" (or a URL serving its paths, or "scripted") with login "chatgpt", got ${JSON.stringify(profile.upstream)}`,
      });
    else if (profile.upstream === 'chatgpt' && profile.login !== 'chatgpt')
      ctx.addIssue({
        code: 'custom',
        path: ['login'],
        message: 'expected login "chatgpt" with upstream "chatgpt": the ChatGPT back end takes no API key',
      });
    else if (profile.login === 'google' && profile.driver !== 'gemini')
      ctx.addIssue({ code: 'custom', path: ['login'], message: 'expected driver "gemini": only Gemini CLI signs in with Google' });
    else if (
      (profile.login === 'google') !== (profile.upstream === 'code-assist') &&
      (isPreset(profile.upstream) || profile.login !== 'google')
    )
      ctx.addIssue({
        code: 'custom',
        path: profile.login === 'google' ? ['upstream'] : ['login'],
        message: 'expected login "google" with upstream "code-assist" (or a URL serving its paths, or "scripted"), and only there',
      });
    // A driver's requests (and its key) go only to a preset of the protocol it speaks: a Claude Code key never to Google.
    for (const [path, upstream] of [
      [['upstream'], profile.upstream],
      [['subagents', 'upstream'], profile.subagents?.upstream],
    ] as const) {
      const spoken = upstream === undefined ? null : findPresetProtocol(upstream);
      if (spoken && spoken !== findDriverProtocol(profile.driver))
        ctx.addIssue({
          code: 'custom',
          path: [...path],
          message: `expected a back end that speaks ${findDriverProtocol(profile.driver)} (driver ${profile.driver}), got ${JSON.stringify(upstream)}, which speaks ${spoken}`,
        });
    }
  });

function isPreset(name: string): boolean {
  return listBackendPresets().some((entry) => entry.name === name);
}

/** The protocol of the provider a preset reaches, or null for `scripted` and a URL. */
function findPresetProtocol(name: string): string | null {
  const provider = listBackendPresets().find((entry) => entry.name === name)?.provider;
  return provider === undefined ? null : (findProvider(provider)?.protocol ?? null);
}
export type ProviderProfile = z.infer<typeof ProviderProfileSchema>;

export const ProfilesFileSchema = z.strictObject({ providers: z.record(ProviderIdSchema, ProviderProfileSchema) });

/** The built-in profiles. The two `sim-*` ones are simulated: a scripted agent against the scripted model server. */
export const BUILTIN_PROFILES: Record<string, ProviderProfile> = {
  'sim-steady': {
    driver: 'scripted',
    model: 'scripted-steady',
    upstream: 'scripted',
    pass_env: [],
    description: 'simulated provider: solves every task, spends more tokens',
  },
  'sim-thrifty': {
    driver: 'scripted',
    model: 'scripted-thrifty',
    upstream: 'scripted',
    pass_env: [],
    description: 'simulated provider: about half the tokens, solves about 60% of tasks',
  },
  // The two ends a task must score: doing nothing 0, the reference solution 1 (`experiment tasks verify` checks both).
  'sim-noop': {
    driver: 'scripted',
    model: 'scripted-noop',
    upstream: 'scripted',
    pass_env: [],
    description: 'simulated null agent: answers, edits nothing (a task must score it 0)',
  },
  'sim-oracle': {
    driver: 'scripted',
    model: 'scripted-oracle',
    upstream: 'scripted',
    pass_env: [],
    description: "simulated oracle: writes the task's reference solution (a task must score it 1)",
  },
  // The default run's four providers mirror the question: Claude-like (bars in response headers), Codex-like (bars only
  // from its account endpoint), GLM-like (bars only from its quota endpoint) and Claude with its haiku tier on GLM.
  'sim-claude': {
    driver: 'scripted',
    model: 'scripted-claude',
    upstream: 'scripted',
    plan: 'sim-max',
    subagent_requests: true,
    pass_env: [],
    description: 'simulated Claude-like subscription ($200 plan): bars in response headers, solves every task',
  },
  'sim-codex': {
    driver: 'scripted',
    model: 'scripted-codex',
    upstream: 'scripted',
    quota: 'codex',
    plan: 'sim-pro',
    pass_env: [],
    description: 'simulated Codex-like subscription ($100 plan): bars only from its account endpoint (whole percents)',
  },
  'sim-glm': {
    driver: 'scripted',
    model: 'scripted-glm',
    upstream: 'scripted',
    quota: 'glm',
    plan: 'sim-lite',
    pass_env: [],
    description: 'simulated GLM-like coding plan ($30 plan): bars only from its quota endpoint (exact counts)',
  },
  'sim-gemini': {
    driver: 'scripted',
    model: 'scripted-gemini',
    upstream: 'scripted',
    quota: 'gemini',
    plan: 'sim-daily',
    pass_env: [],
    description: "simulated Google AI-like plan ($20 plan): one daily bar, only from Code Assist's quota (retrieveUserQuota)",
  },
  'sim-claude+glm': {
    driver: 'scripted',
    model: 'scripted-claude-glm',
    upstream: 'scripted',
    plan: 'sim-max',
    subagent_requests: true,
    subagents: { model_alias: 'haiku', upstream: 'scripted', model: 'scripted-glm-air', provider: 'glm', quota: 'glm', plan: 'sim-lite' },
    pass_env: [],
    description: 'simulated Claude-like subscription whose haiku-tier (sub-agent) requests the proxy sends to a GLM-like back end',
  },
  claude: {
    driver: 'claude',
    model: 'claude-sonnet-4-5',
    upstream: 'anthropic',
    quota: 'claude',
    pass_env: ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'],
    description: 'Claude Code (claude -p) through the proxy; capacity from its quota endpoint (OAuth login), else response headers',
  },
  codex: {
    driver: 'codex',
    model: 'gpt-5-codex',
    upstream: 'openai',
    // An API key is billed per token; the ChatGPT plan's bars (wham/usage) never move for it.
    billing: 'per-token',
    pass_env: ['OPENAI_API_KEY'],
    description: 'Codex CLI (codex exec) with an OpenAI API key (OPENAI_API_KEY) through the proxy',
  },
  'codex-chatgpt': {
    driver: 'codex',
    model: 'gpt-5-codex',
    upstream: 'chatgpt',
    login: 'chatgpt',
    quota: 'codex',
    pass_env: [],
    description:
      'Codex CLI signed in with ChatGPT (Plus/Pro plan): the proxy sends your login from ~/.codex/auth.json to chatgpt.com; capacity from its quota endpoint',
  },
  'gemini-google': {
    driver: 'gemini',
    model: 'gemini-2.5-pro',
    upstream: 'code-assist',
    login: 'google',
    quota: 'gemini',
    plan: 'google-ai-pro',
    pass_env: ['GOOGLE_CLOUD_PROJECT'],
    description:
      'Gemini CLI signed in with Google (a Google AI plan): the proxy sends your login from ~/.gemini/oauth_creds.json to Code Assist; capacity from its daily quota',
  },
  gemini: {
    driver: 'gemini',
    model: 'gemini-2.5-pro',
    upstream: 'gemini',
    // An API key is billed per token (a Google AI plan is `gemini-google`).
    billing: 'per-token',
    pass_env: ['GEMINI_API_KEY'],
    description: 'Gemini CLI (gemini -p, stream-json) with a Gemini API key (GEMINI_API_KEY) through the proxy',
  },
  glm: {
    driver: 'claude',
    model: 'glm-4.6',
    upstream: 'glm',
    quota: 'glm',
    pass_env: [],
    description: 'Claude Code against the GLM Coding Plan (Z.ai, key from ZAI_API_KEY); capacity from its quota endpoint',
  },
  'claude+glm': {
    driver: 'claude',
    model: 'claude-sonnet-4-5',
    upstream: 'anthropic',
    quota: 'claude',
    subagents: { model_alias: 'haiku', upstream: 'glm', model: 'glm-4.5-air', provider: 'glm', quota: 'glm' },
    pass_env: ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'],
    description: 'Claude Code whose haiku-tier (sub-agent) requests the proxy routes to GLM',
  },
};

/** The providers of the default run: all simulated, so it needs no API key. */
export const DEFAULT_PROVIDERS = ['sim-claude', 'sim-codex', 'sim-glm', 'sim-claude+glm'];

/** The built-in profiles, overridden and extended by a profiles file (`{"providers": {"id": {...}}}`). */
export function loadProfiles(file?: string): Record<string, ProviderProfile> {
  const base = { ...BUILTIN_PROFILES, ...listDeclaredProfiles() };
  if (file === undefined) return base;
  const parsed = readJsonFile(file, ProfilesFileSchema, { missing: 'no such profiles file', label: 'profiles' });
  return { ...base, ...parsed.providers };
}

/**
 * A profile for each declared provider (the package's catalog, the data dir's providers.json) with an agent: its driver and model through the
 * provider's own back end (a preset of its id, signed in by the proxy when it names a key variable), its plan if given.
 */
export function listDeclaredProfiles(): Record<string, ProviderProfile> {
  const profiles: Record<string, ProviderProfile> = {};
  for (const provider of listUserProviders()) {
    if (!provider.agent) continue;
    const where = `${provider.declaredIn}: providers.${provider.id}`;
    if (Object.hasOwn(BUILTIN_PROFILES, provider.id))
      throw new AppError('BAD_INPUT', `${provider.id} is a built-in profile: a declared provider takes a name of its own`, { where });
    const { driver, model, plan, billing } = provider.agent;
    const parsed = ProviderProfileSchema.safeParse({
      driver,
      model,
      upstream: provider.id,
      ...(plan ? { plan } : {}),
      ...(billing ? { billing } : {}),
      description: `${driver} against ${provider.id}, declared in ${provider.declaredIn === 'providers.json' ? "the data dir's providers.json" : `the package's ${provider.declaredIn}`}`,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('BAD_INPUT', `agent.${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, { where });
    }
    profiles[provider.id] = parsed.data;
  }
  return profiles;
}

/** The profiles of the providers asked for, in order; an unknown id names the ones there are. */
export function pickProfiles(profiles: Record<string, ProviderProfile>, ids: readonly string[]): Map<string, ProviderProfile> {
  const picked = new Map<string, ProviderProfile>();
  for (const id of ids) {
    const profile = profiles[id];
    if (!profile)
      throw new AppError(
        'BAD_USAGE',
        `no profile for provider ${JSON.stringify(id)}${suggestClosest(id, Object.keys(profiles))}: expected one of ${Object.keys(profiles).join(', ')} (or add it with --profiles FILE)`,
        { where: '--providers' },
      );
    picked.set(id, profile);
  }
  return picked;
}

/** Simulated means the scripted model server answers: say so wherever results are shown. */
export function isSimulated(profile: ProviderProfile): boolean {
  return profile.upstream === 'scripted';
}
