// A provider profile's shape: which driver runs a provider's arms, with which model, through which upstream, checked whole.
import * as z from 'zod';
import { PlanIdSchema, ProviderIdSchema } from '../../ledger/index.js';
import {
  findProvider,
  listBackendPresets,
  type ProviderCatalog,
  PROFILE_LOGINS,
  type ProfileLogin,
  SEED_SEATS,
} from '../../ledger/vocabulary/index.js';
import { hasUrlCredentials } from '../../kernel/index.js';
import { findCliProtocols, speaksProtocol } from '../../sources/agents/index.js';
import { QUOTA_KINDS } from '../../sources/quota/index.js';
import { DRIVER_NAMES } from '../drivers/driver.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Who signs in with each login (PROFILE_LOGINS names the CLI), for the line that refuses another driver. */
const LOGIN_NAMES: Readonly<Record<ProfileLogin, string>> = {
  chatgpt: 'Codex signs in with ChatGPT',
  google: 'Gemini CLI signs in with Google',
};

/**
 * Where the proxy sends a provider's traffic: `scripted` (the built-in model server, no API key), a proxy preset (the
 * descriptors' `anthropic`, `openai`, `chatgpt`, `glm`, `gemini`, and the catalog's declared providers) or an http(s)
 * URL without a user or password.
 */
function createUpstreamSchema(catalog: ProviderCatalog) {
  return z.string().superRefine((value, ctx) => {
    const presets = listBackendPresets(catalog).map((entry) => entry.name);
    if (value === 'scripted' || presets.includes(value)) return;
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
}
export type Upstream = string;

/** A profile's schema under a catalog: its upstream may name the catalog's presets. */
export function createProviderProfileSchema(catalog: ProviderCatalog) {
  const UpstreamSchema = createUpstreamSchema(catalog);
  const isPreset = (name: string): boolean => listBackendPresets(catalog).some((entry) => entry.name === name);
  /** The provider a preset reaches (its id and protocol), or null for `scripted` and a URL. */
  const findPresetProvider = (name: string) => {
    const provider = listBackendPresets(catalog).find((entry) => entry.name === name)?.provider;
    return provider === undefined ? null : (findProvider(catalog, provider) ?? null);
  };
  return z
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
          provider: ProviderIdSchema.default(SEED_SEATS.routed),
          /** Read that subscription's bars from its quota endpoint before and after each arm, so its share is priced too. */
          quota: z.enum(QUOTA_KINDS).optional(),
          /** That subscription's plan (an id of the plan table). */
          plan: PlanIdSchema.optional(),
        })
        .optional(),
      /**
       * A failover portfolio (`claude>glm`, runner/providers/compose-portfolio.ts): the arm's requests move to this second
       * subscription once the first refuses for its window, and come back at its reset (the proxy's chain, docs/failover.md).
       */
      failover: z
        .strictObject({
          upstream: UpstreamSchema,
          /** The model sent there instead of the one asked for (the second subscription's own). */
          model: z.string().min(1),
          /** Whose capacity the moved requests use: the back end's name in telemetry, the readings' provider. */
          provider: ProviderIdSchema,
          /** Read that subscription's bars from its quota endpoint before and after each arm, so its share is priced. */
          quota: z.enum(QUOTA_KINDS).optional(),
          /** That subscription's plan (an id of the plan table); `--plan PROVIDER=PLAN` of that provider overrides it. */
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
      /**
       * The list-price dollars an arm may spend when a plan names no task budget (`--task-budget`): the simulated
       * providers' 1.5x their dearest solved arm over the bank's 40 tasks, as measured on the scripted server (a budget
       * that cut a simulated solution would count work as failure: these providers never loop; docs/experiments.md#task-budgets).
       */
      task_budget_usd: z.number().positive().optional(),
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
      else if (profile.login !== undefined && profile.driver !== PROFILE_LOGINS[profile.login])
        ctx.addIssue({
          code: 'custom',
          path: ['login'],
          message: `expected driver "${PROFILE_LOGINS[profile.login]}": only ${LOGIN_NAMES[profile.login]}`,
        });
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
      else if (
        (profile.login === 'google') !== (profile.upstream === 'code-assist') &&
        (isPreset(profile.upstream) || profile.login !== 'google')
      )
        ctx.addIssue({
          code: 'custom',
          path: profile.login === 'google' ? ['upstream'] : ['login'],
          message: 'expected login "google" with upstream "code-assist" (or a URL serving its paths, or "scripted"), and only there',
        });
      if (profile.failover !== undefined && profile.subagents !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['failover'],
          message: 'expected either subagents or failover: an arm is priced on at most two subscriptions',
        });
      // A profile is CLI x provider: its requests (and its key) go only to a provider whose protocol the CLI speaks (a
      // Claude Code key never to Google). A CLI that speaks several (Anthropic's and OpenAI's) fits a provider of either.
      for (const [path, upstream] of [
        [['upstream'], profile.upstream],
        [['subagents', 'upstream'], profile.subagents?.upstream],
        [['failover', 'upstream'], profile.failover?.upstream],
      ] as const) {
        const provider = upstream === undefined ? null : findPresetProvider(upstream);
        if (provider && !speaksProtocol(profile.driver, provider.protocol))
          ctx.addIssue({
            code: 'custom',
            path: [...path],
            message: `expected a back end that agent CLI ${profile.driver} speaks (${findCliProtocols(profile.driver).join(', ')}), got ${JSON.stringify(upstream)}, provider ${provider.id}, which speaks ${provider.protocol}`,
          });
      }
    });
}
export type ProviderProfile = z.infer<ReturnType<typeof createProviderProfileSchema>>;

/** A profiles file (`{"providers": {"id": {...}}}`) under a catalog. */
export function createProfilesFileSchema(catalog: ProviderCatalog) {
  return z.strictObject({ providers: z.record(ProviderIdSchema, createProviderProfileSchema(catalog)) });
}
