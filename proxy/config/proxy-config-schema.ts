// The proxy's configuration file: back ends, routing rules and listening address (zod, strict keys).
import * as z from 'zod';
import { ProviderIdSchema } from '../../ledger/index.js';
import { BACKEND_LOGIN_KINDS, type BackendLoginKind, KEY_HEADERS, PROTOCOLS, QUOTA_KINDS } from '../../ledger/vocabulary/index.js';

// `+` because back ends are named after provider ids, and `claude+glm` is one.
/** A back end's or route's name; `>` for a run's failover portfolio (`claude>glm`), named after its provider. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._+>-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A pattern: a glob string ("claude-haiku-*"), or `{ regex: "..." }`, or `{ exact: "..." }`. */
export const PatternSchema = z.union([
  z.string().min(1),
  z.strictObject({ regex: z.string().min(1) }),
  z.strictObject({ exact: z.string().min(1) }),
]);
export type Pattern = z.infer<typeof PatternSchema>;

export const BackendSchema = z.strictObject({
  /**
   * A preset whose fields this entry may override (presets.ts: the descriptors' anthropic, openai, chatgpt, glm, gemini,
   * and the catalog's declared providers, checked when the routing table is built from the catalog).
   */
  preset: z.string().min(1).optional(),
  /** Base URL; the client's path is appended to it (`https://api.z.ai/api/anthropic` + `/v1/messages`). */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** Ledger provider the back end's rate-limit readings belong to (claude, codex, glm). */
  provider: ProviderIdSchema.optional(),
  /** The API it speaks, where its provider does not tell (a URL's): a failover chain's back ends must all speak the client's. */
  protocol: z.enum(PROTOCOLS).optional(),
  /** Name of the environment variable holding the key; the key itself never goes in a file. */
  auth_env: z.string().regex(ENV_NAME, 'expected an environment variable name such as ZAI_API_KEY').optional(),
  /** How the key is sent: `x-api-key: KEY`, `authorization: Bearer KEY`, or Gemini's `x-goog-api-key: KEY`. */
  auth_header: z.enum(KEY_HEADERS).optional(),
  /**
   * `codex`: send the ChatGPT login in $CODEX_HOME/auth.json (default ~/.codex) of the proxy's environment as
   * `Authorization: Bearer` and `chatgpt-account-id`, in place of whatever the client sent (chatgpt-login.ts).
   * `gemini`: send Gemini CLI's Google login ($GEMINI_CLI_HOME/.gemini/oauth_creds.json) as `Authorization: Bearer`
   * to Code Assist (cli-login.ts).
   */
  auth_login: z.enum(BACKEND_LOGIN_KINDS as [BackendLoginKind, ...BackendLoginKind[]]).optional(),
  /** Milliseconds to wait for response headers, and between body chunks. */
  headers_timeout_ms: z.number().int().positive().optional(),
  body_timeout_ms: z.number().int().positive().optional(),
  /** Upper bound of pooled keep-alive connections to this back end. */
  connections: z.number().int().positive().max(4096).optional(),
});
export type BackendConfig = z.infer<typeof BackendSchema>;

export const MatchSchema = z.strictObject({
  /** The requested model (the body's top-level `model`). */
  model: PatternSchema.optional(),
  /** A model tier: matches a model naming it ("haiku") or the model the user set for it (ANTHROPIC_DEFAULT_HAIKU_MODEL). */
  model_alias: z.enum(['haiku', 'sonnet', 'opus']).optional(),
  /** Request headers (names in any case); every one listed must match. */
  headers: z.record(z.string(), PatternSchema).optional(),
  /** The request path without its query string ("/v1/messages"). */
  path: PatternSchema.optional(),
});
export type RouteMatch = z.infer<typeof MatchSchema>;

export const RouteSchema = z.strictObject({
  name: z.string().regex(NAME).optional(),
  match: MatchSchema,
  /** The back end (a name under `backends`, or a preset name). */
  backend: z.string().regex(NAME),
  /** Send this model upstream instead of the requested one. */
  rewrite_model: z.string().min(1).optional(),
  /** Label for telemetry's subagent_id (e.g. "haiku") of requests this rule takes. */
  subagent: z.string().min(1).optional(),
});
export type RouteConfig = z.infer<typeof RouteSchema>;

export const FailoverEntrySchema = z.strictObject({
  /** The back end (a name under `backends`, or a preset name): it must have a credential of its own. */
  backend: z.string().regex(NAME),
  /** Send this model there instead of the requested one (GLM's coding plan takes glm-* models). */
  rewrite_model: z.string().min(1).optional(),
});
export type FailoverEntry = z.infer<typeof FailoverEntrySchema>;

export const FailoverQuotaSchema = z.strictObject({
  /** Which quota endpoint, read with the login `tracker quota` finds for it (never the client's). */
  endpoint: z.enum(QUOTA_KINDS),
  /** Seconds between reads: a read costs no capacity, but the endpoints are the vendors' own, so at least 1. */
  every_s: z.number().min(1, 'expected at least 1 second between reads').max(3600, 'expected at most 3600 seconds').default(60),
});
export type FailoverQuota = z.infer<typeof FailoverQuotaSchema>;

/** Where the default back end's requests go once its window is spent, in order, and when to move (docs/failover.md). */
export const FailoverSchema = z.strictObject({
  chain: z.array(FailoverEntrySchema).min(1, 'expected at least one back end to move to'),
  /** Move before the refusal: once a bar on the current back end's answers reaches this percent (else only on its 429). */
  at_pct: z.number().gt(0, 'expected a percent above 0').max(100, 'expected a percent of at most 100').optional(),
  /**
   * Also read the default back end's bars from its quota endpoint (docs/bars.md), every `every_s` seconds, for back ends
   * whose answers carry none (Codex signed in with ChatGPT, Gemini's Code Assist): at `at_pct` (else 100) work moves.
   */
  quota: FailoverQuotaSchema.optional(),
});
export type FailoverConfig = z.infer<typeof FailoverSchema>;

export const ProxyConfigSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  backends: z
    .record(z.string().regex(NAME, 'expected a back-end name of letters, digits, ".", "_", "+", ">" or "-"'), BackendSchema)
    .default({}),
  /** Where requests no rule takes go (a back-end or preset name). */
  default_backend: z.string().regex(NAME).optional(),
  routes: z.array(RouteSchema).default([]),
  /** Model names the user set for tiers (else taken from ANTHROPIC_DEFAULT_<TIER>_MODEL in the proxy's environment). */
  aliases: z
    .strictObject({ haiku: z.string().min(1).optional(), sonnet: z.string().min(1).optional(), opus: z.string().min(1).optional() })
    .optional(),
  failover: FailoverSchema.optional(),
});
export type ProxyConfig = z.infer<typeof ProxyConfigSchema>;
