// The --budget-config file: its schema, its limits (errors name the file and the key path), and reading it.
import * as z from 'zod';
import { AppError } from '../kernel/index.js';
import { readBoundedFile } from '../ledger/index.js';
import { locateJsonError } from '../sources/index.js';
import {
  BUDGET_METRICS,
  BUDGET_MODES,
  BUDGET_SCOPES,
  type BudgetLimit,
  type BudgetMetric,
  type BudgetMode,
  type BudgetScope,
} from './budget-contract.js';
import { buildBudgetId, normalizeBudgetKey, tidyWarnAt } from './budget-policy.js';
import { checkAmount } from './parse-budget-values.js';

const amount = z.number({ error: 'expected a positive number' }).positive({ error: 'expected a positive number' });
const warnAt = z.array(
  z
    .number({ error: 'expected a fraction' })
    .gt(0, { error: 'expected a fraction above 0 and below 1' })
    .lt(1, { error: 'expected a fraction above 0 and below 1' }),
  { error: 'expected a list of fractions such as [0.5, 0.8]' },
);
const metric = z.enum(BUDGET_METRICS, { error: `expected one of ${BUDGET_METRICS.join(', ')}` });
const mode = z.enum(BUDGET_MODES, { error: `expected ${BUDGET_MODES.join(' or ')}` });
const keyed = z.record(z.string(), amount, { error: 'expected an object of KEY: AMOUNT' });

export const BudgetConfigLimitSchema = z.strictObject({
  scope: z.enum(BUDGET_SCOPES, { error: `expected one of ${BUDGET_SCOPES.join(', ')}` }),
  key: z.string({ error: 'expected a string' }).nullable().optional(),
  limit: amount,
  metric: metric.optional(),
  mode: mode.optional(),
  warn_at: warnAt.optional(),
});
export type BudgetConfigLimit = z.infer<typeof BudgetConfigLimitSchema>;

export const BudgetConfigSchema = z.strictObject({
  metric: metric.optional(),
  mode: mode.optional(),
  warn_at: warnAt.optional(),
  overall: amount.optional(),
  commands: keyed.optional(),
  agents: keyed.optional(),
  providers: keyed.optional(),
  windows: keyed.optional(),
  features: keyed.optional(),
  limits: z.array(BudgetConfigLimitSchema, { error: 'expected a list of limits' }).optional(),
});
export type BudgetConfig = z.infer<typeof BudgetConfigSchema>;

/** The settings a limit takes when it does not name its own. */
export interface LimitDefaults {
  metric: BudgetMetric;
  mode: BudgetMode;
  warnAt: number[];
}

interface EntryPaths {
  entry: string;
  key: string;
  amount: string;
}

const MAPS = [
  ['commands', 'command'],
  ['agents', 'agent'],
  ['providers', 'provider'],
  ['windows', 'window'],
  ['features', 'feature'],
] as const;

/** Reads the file's text; a bad file is one line naming the file and the key path. */
export function parseBudgetConfig(text: string, file: string): BudgetConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    throw new AppError('BAD_INPUT', `expected JSON${at ? `, ${at.message} at line ${at.line} column ${at.column}` : ''}`, { where: file });
  }
  const parsed = BudgetConfigSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new AppError('BAD_INPUT', 'invalid budget config', { where: file });
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const allowed = Object.keys(path.includes('limits[') ? BudgetConfigLimitSchema.shape : BudgetConfigSchema.shape).join(', ');
    throw new AppError('BAD_INPUT', `${path}: expected only ${allowed}, got ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`, {
      where: file,
    });
  }
  const got = 'input' in issue ? `, got ${issue.input === undefined ? 'nothing' : JSON.stringify(issue.input)}` : '';
  throw new AppError('BAD_INPUT', `${path}: ${issue.message}${got}`, { where: file });
}

/** The file's limits; a key or amount that does not fit its scope or metric names its path. */
export function buildConfigLimits(config: BudgetConfig, file: string, defaults: LimitDefaults): BudgetLimit[] {
  const seen = new Map<string, string>();
  const limits: BudgetLimit[] = [];
  const add = (paths: EntryPaths, scope: BudgetScope, rawKey: string | null | undefined, value: number, own: Partial<LimitDefaults>) => {
    const key = normalizeBudgetKey(scope, rawKey);
    if (scope !== 'overall' && key === null)
      fail(
        file,
        paths.key,
        `expected ${scope === 'command' ? 'a command such as "/test"' : `${scope === 'agent' ? 'an' : 'a'} ${scope} id (one word)`}, got ${JSON.stringify(rawKey ?? null)}`,
      );
    const settings = { ...defaults, ...own };
    const checked = checkAmount(value, settings.metric);
    if (typeof checked !== 'number') fail(file, paths.amount, `expected ${checked.expected}, got ${JSON.stringify(value)}`);
    const id = buildBudgetId(scope, key);
    const earlier = seen.get(id);
    if (earlier)
      fail(
        file,
        paths.entry,
        `${id} is already set at ${earlier}; give each ${scope === 'overall' ? 'policy one overall budget' : `${scope} one budget`}`,
      );
    seen.set(id, paths.entry);
    limits.push({
      id,
      scope,
      key,
      limit: checked,
      metric: settings.metric,
      mode: settings.mode,
      warnAt: tidyWarnAt(settings.warnAt),
      source: `${file}: ${paths.entry}`,
    });
  };
  if (config.overall !== undefined) add({ entry: 'overall', key: 'overall', amount: 'overall' }, 'overall', null, config.overall, {});
  for (const [field, scope] of MAPS) {
    for (const [rawKey, value] of Object.entries(config[field] ?? {})) {
      const path = `${field}.${rawKey}`;
      add({ entry: path, key: path, amount: path }, scope, rawKey, value, {});
    }
  }
  (config.limits ?? []).forEach((entry, index) => {
    const path = `limits[${index}]`;
    if (entry.scope === 'overall' && entry.key !== undefined && entry.key !== null)
      fail(file, `${path}.key`, `expected no key for the overall scope, got ${JSON.stringify(entry.key)}`);
    const own: Partial<LimitDefaults> = {
      ...(entry.metric ? { metric: entry.metric } : {}),
      ...(entry.mode ? { mode: entry.mode } : {}),
      ...(entry.warn_at ? { warnAt: entry.warn_at } : {}),
    };
    add({ entry: path, key: `${path}.key`, amount: `${path}.limit` }, entry.scope, entry.key, entry.limit, own);
  });
  return limits;
}

/** The one place the budget domain touches the file system: the config and price files' text. */
export function readBudgetFile(path: string): string {
  const text = readBoundedFile(path);
  if (text === null) throw new AppError('NOT_FOUND', 'cannot read the file: ENOENT', { where: path });
  return text;
}

function fail(file: string, path: string, message: string): never {
  throw new AppError('BAD_INPUT', `${path}: ${message}`, { where: file });
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('')
      .replace(/^\./, '') || '(top level)'
  );
}
