// The provider catalog a command reads: the built-ins, the package's providers/*.json and the data dir's providers.json, checked whole.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { BUILTIN_PLANS, createPlanTable, PlanIdSchema, PlanSchema } from '../budget/plans/index.js';
import { createPriceTable, isGlob, ModelPriceSchema } from '../budget/prices/index.js';
import { checkJsonShape, ProviderIdSchema, readJsonFile } from '../ledger/index.js';
import {
  BUILT_IN_CATALOG,
  findProtocolKeyHeader,
  KEY_HEADERS,
  listBackendPresets,
  PROTOCOLS,
  PROVIDERS,
  type ProviderCatalog,
  type UserProvider,
} from '../ledger/vocabulary/index.js';
import { AppError, hasUrlCredentials, resolvePackagePath } from '../kernel/index.js';
import { loadProfiles } from '../runner/index.js';
import { checkProtocolFit } from '../sources/agents/index.js';
import { checkDataDirProviders } from './check-data-dir-providers.js';
import { checkProviderComplete } from './check-provider-complete.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One compatible back end, whole: what the proxy, the runner, the plan table and the price table each read of it. */
const DeclaredProviderSchema = z.strictObject({
  protocol: z.enum(PROTOCOLS),
  /** Its API's base URL: the proxy's preset named after the provider. */
  url: z.url({ protocol: /^https?$/ }).refine((url) => !hasUrlCredentials(url), 'expected a URL without a user or password'),
  /** The variable holding its key: the proxy then signs in itself, in `auth_header`; else the client's key passes. */
  auth_env: z.string().regex(ENV_NAME, 'expected an environment variable name').optional(),
  auth_header: z.enum(KEY_HEADERS).optional(),
  /** The agent CLI that drives it in experiments: a profile of the same id. */
  agent: z
    .strictObject({
      driver: z.string().min(1),
      model: z.string().min(1),
      plan: PlanIdSchema.optional(),
      /** `per-token`: an API key, no plan: its windows are counted in tokens and priced at list prices. */
      billing: z.enum(['per-token']).optional(),
    })
    .optional(),
  plans: z.record(PlanIdSchema, PlanSchema).optional(),
  prices: z.record(z.string().min(1), ModelPriceSchema).optional(),
});

/** The older form, read as leniently as before (any strings): it only names ids captures accept. */
const ListFileSchema = z.object({ providers: z.array(z.string()) });
/** What a refusal adds: the two shapes the file may take. */
const SHAPE = {
  label: 'providers',
  hint: '(expected {"providers": ["id", ...]} or {"providers": {"id": {protocol, url, ...}}}, docs/providers.md)',
};
const DeclaredFileSchema = z.strictObject({ providers: z.record(ProviderIdSchema, DeclaredProviderSchema) });

/**
 * The catalog of a data dir: the built-ins, the package's declared providers (providers/*.json, each in the whole form a
 * providers.json takes) and `<dataDir>/providers.json`'s, whose entry of a catalog id replaces it, at the same URL and
 * key variable (checkDataDirProviders: that file may be a cloned repository's). Each declared provider is checked as the
 * package's own are (checkProviderComplete): a bad or incomplete entry is one line naming the file and the field. Built
 * once a command and passed to whatever reads providers, plans, prices or profiles.
 */
export function loadProviderCatalog(dataDir: string): ProviderCatalog {
  const catalog = readPackageCatalog();
  const file = join(dataDir, 'providers.json');
  const own = existsSync(file) ? readProvidersFile(file, 'providers.json') : { listed: [], providers: [] };
  checkDataDirProviders(catalog, own.providers, file);
  const replaced = new Set(own.providers.map((provider) => provider.id));
  const declared = [...catalog.filter((provider) => !replaced.has(provider.id)), ...own.providers];
  const built: ProviderCatalog = Object.freeze({ declared: Object.freeze(declared), listed: Object.freeze(own.listed) });
  checkDeclaredComplete(built);
  return built;
}

/** The package's own declarations (providers/*.json), checked as a data dir's are. */
function readPackageCatalog(): UserProvider[] {
  const dir = resolvePackagePath('providers');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()
    : [];
  return files.flatMap((name) => readProvidersFile(join(dir, name), `providers/${name}`).providers);
}

/** Refuses the first declared provider with a gap (checkProviderComplete), naming its file and the field. */
function checkDeclaredComplete(catalog: ProviderCatalog): void {
  const tables = { catalog, profiles: loadProfiles(catalog), prices: createPriceTable(catalog), plans: createPlanTable(catalog) };
  for (const provider of catalog.declared) {
    const gap = checkProviderComplete(provider, tables)[0];
    if (gap) throw new AppError('BAD_INPUT', `${gap.field}: ${gap.message}`, { where: `${provider.declaredIn}: providers.${provider.id}` });
  }
}

/** A providers file declares a few providers: kilobytes. */
const PROVIDERS_FILE = { what: 'a providers file', maxBytes: 1024 * 1024 };

/** One file's providers: the whole form's, checked, or the ids the list form names. */
function readProvidersFile(file: string, declaredIn: string): { listed: string[]; providers: UserProvider[] } {
  const value = readJsonFile(file, z.unknown(), { bound: PROVIDERS_FILE });
  const declared = typeof value === 'object' && value !== null && !Array.isArray((value as { providers?: unknown }).providers);
  if (!declared) return { listed: checkJsonShape(file, ListFileSchema, value, SHAPE).providers, providers: [] };
  const entries = Object.entries(checkJsonShape(file, DeclaredFileSchema, value, SHAPE).providers);
  return { listed: [], providers: entries.map(([id, entry]) => ({ ...toUserProvider(file, id, entry), declaredIn })) };
}

function toUserProvider(file: string, id: string, entry: z.infer<typeof DeclaredProviderSchema>): Omit<UserProvider, 'declaredIn'> {
  const builtIn = new Set([
    ...PROVIDERS.map((provider) => provider.id),
    ...listBackendPresets(BUILT_IN_CATALOG).map((preset) => preset.name),
  ]);
  const where = `${file}: providers.${id}`;
  if (builtIn.has(id) || id === 'scripted')
    throw new AppError('BAD_INPUT', `${id} is built in: a declared provider takes a name of its own`, { where });
  // A profile is CLI x provider: the CLI must speak the provider's protocol (sources/agents says which it speaks).
  if (entry.agent) checkProtocolFit(entry.agent.driver, { id, protocol: entry.protocol }, `${where}.agent.driver`);
  checkNothingBuiltInReplaced(entry, where);
  const { url, auth_env } = entry;
  // A key the proxy sends goes in the header its protocol uses, unless the declaration names another.
  const auth_header = entry.auth_header ?? (auth_env ? findProtocolKeyHeader(entry.protocol) : undefined);
  const backend = { url, ...(auth_env ? { auth_env } : {}), ...(auth_header ? { auth_header } : {}) };
  return {
    id,
    protocol: entry.protocol,
    profiles: [],
    backends: { [id]: backend },
    agent: readAgentBilling(entry),
    plans: entry.plans,
    prices: entry.prices,
  };
}

/**
 * A provider that sells no plans, whose agent names none, can only be billed per token (an API key): its windows are
 * counted in tokens and priced at its list prices, as `billing: "per-token"` says, which it then need not say.
 */
function readAgentBilling(entry: z.infer<typeof DeclaredProviderSchema>): UserProvider['agent'] {
  const { agent } = entry;
  if (agent === undefined || agent.billing !== undefined || agent.plan !== undefined || entry.plans !== undefined) return agent;
  return { ...agent, billing: 'per-token' };
}

/** A declaration adds: a built-in plan (or a price pattern) is never replaced by one; its own price of a model stands beside the default. */
function checkNothingBuiltInReplaced(entry: z.infer<typeof DeclaredProviderSchema>, where: string): void {
  for (const id of Object.keys(entry.plans ?? {}))
    if (Object.hasOwn(BUILTIN_PLANS, id))
      throw new AppError(
        'BAD_INPUT',
        `plans.${id} is a built-in plan: a declared plan takes an id of its own (a plans file overrides plans)`,
        {
          where,
        },
      );
  // A model with a default price may be priced too: the price is this provider's (a reseller's own rates, priced for its
  // rows alone: createPriceTable), every other provider's use of the model keeps the default.
  for (const model of Object.keys(entry.prices ?? {}))
    if (isGlob(model))
      throw new AppError('BAD_INPUT', `prices.${model}: expected a model name, not a pattern (a price file takes patterns)`, { where });
}
