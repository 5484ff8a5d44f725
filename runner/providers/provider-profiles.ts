// Provider profiles: which driver runs a provider's arms, with which model, through which upstream.
import { z } from 'zod';
import { AppError, ProviderIdSchema, readJsonFile } from '../../ledger/index.js';
import { QUOTA_KINDS } from '../../sources/quota/index.js';
import { DRIVER_NAMES } from '../drivers/driver.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Where the proxy sends a provider's traffic: `scripted` (the built-in model server, no API key),
 * a proxy preset (`anthropic`, `openai`, `glm`) or an http(s) URL.
 */
const UpstreamSchema = z.union([
  z.enum(['scripted', 'anthropic', 'openai', 'glm']),
  z.url({ protocol: /^https?$/ }).refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), 'expected a URL without a user or password (keys come from pass_env variables, never from the file)'),
]);
export type Upstream = z.infer<typeof UpstreamSchema>;

export const ProviderProfileSchema = z.strictObject({
  driver: z.enum(DRIVER_NAMES),
  model: z.string().min(1),
  /** The agent program (a name on PATH or a path); the driver's default when absent. */
  command: z.string().min(1).optional(),
  upstream: UpstreamSchema,
  /**
   * Read the arm's capacity from this provider's quota endpoint (claude, codex or glm): no request spent.
   * For a simulated provider the scripted server answers as that endpoint, for the account named by the model.
   */
  quota: z.enum(QUOTA_KINDS).optional(),
  /** Requests of one model tier go elsewhere: Claude Code's haiku (sub-agent) traffic to GLM, say. */
  subagents: z
    .strictObject({
      model_alias: z.enum(['haiku', 'sonnet', 'opus']).default('haiku'),
      upstream: UpstreamSchema,
      /** The model sent there instead of the one asked for. */
      model: z.string().min(1),
      /** Whose capacity those requests use (its readings and telemetry say so). */
      provider: ProviderIdSchema.default('glm'),
    })
    .optional(),
  /** Names of environment variables the agent may see (a real subscription's credentials); values are never written anywhere. */
  pass_env: z.array(z.string().regex(ENV_NAME, 'expected an environment variable name')).default([]),
  description: z.string().default(''),
});
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
  claude: {
    driver: 'claude',
    model: 'claude-sonnet-4-5',
    upstream: 'anthropic',
    pass_env: ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'],
    description: 'Claude Code (claude -p) through the proxy',
  },
  codex: {
    driver: 'codex',
    model: 'gpt-5-codex',
    upstream: 'openai',
    pass_env: ['OPENAI_API_KEY', 'CODEX_AUTH_FILE'],
    description: 'Codex CLI (codex exec) through the proxy',
  },
};

/** The providers of the default run: both simulated, so it needs no API key. */
export const DEFAULT_PROVIDERS = ['sim-steady', 'sim-thrifty'];

/** The built-in profiles, overridden and extended by a profiles file (`{"providers": {"id": {...}}}`). */
export function loadProfiles(file?: string): Record<string, ProviderProfile> {
  if (file === undefined) return { ...BUILTIN_PROFILES };
  const parsed = readJsonFile(file, ProfilesFileSchema, { missing: 'no such profiles file', label: 'profiles' });
  return { ...BUILTIN_PROFILES, ...parsed.providers };
}

/** The profiles of the providers asked for, in order; an unknown id names the ones there are. */
export function pickProfiles(profiles: Record<string, ProviderProfile>, ids: readonly string[]): Map<string, ProviderProfile> {
  const picked = new Map<string, ProviderProfile>();
  for (const id of ids) {
    const profile = profiles[id];
    if (!profile) throw new AppError('BAD_USAGE', `no profile for provider ${JSON.stringify(id)}: expected one of ${Object.keys(profiles).join(', ')} (or add it with --profiles FILE)`, { where: '--providers' });
    picked.set(id, profile);
  }
  return picked;
}

/** Simulated means the scripted model server answers: say so wherever results are shown. */
export function isSimulated(profile: ProviderProfile): boolean {
  return profile.upstream === 'scripted';
}
