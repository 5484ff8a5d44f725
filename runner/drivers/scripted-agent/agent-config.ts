// The scripted agent's config file: a zod schema of what it needs (endpoint, model, prompt, cwd, limits) and its loader.
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { AppError } from '../../../kernel/index.js';

const positiveInt = (what: string) =>
  z
    .number({ error: `expected ${what}, a whole number >= 1` })
    .int({ error: `expected ${what}, a whole number >= 1` })
    .min(1, { error: `expected ${what}, a whole number >= 1` });
const text = (what: string) => z.string({ error: `expected ${what}, a string` });

export const AgentConfigSchema = z.strictObject({
  /** The API's base URL without /v1, e.g. http://127.0.0.1:8787 (a trailing slash is dropped). */
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).transform((url) => url.replace(/\/+$/, '')),
  model: text('a model id').min(1, { error: 'expected a model id' }),
  /** Extra request headers (attribution). */
  headers: z.record(z.string(), text('a header value')).default({}),
  prompt: text('the prompt').min(1, { error: 'expected a non-empty prompt' }),
  /** The only folder the agent's tools may touch; must be absolute. */
  cwd: text('an absolute path').refine((path) => path.startsWith('/'), { error: 'expected an absolute path' }),
  maxTurns: positiveInt('maxTurns').default(30),
  maxTokens: positiveInt('maxTokens').default(8192),
  apiKey: text('an API key').default('dummy'),
  /** When set, one sub-agent request (no tools) with this model comes first, as Claude Code sends haiku-tier work. */
  subagentModel: text('a model id').min(1).optional(),
});
/** A config as written (defaults optional). */
export type AgentConfigInput = z.input<typeof AgentConfigSchema>;
/** A validated config with every default filled in. */
export type AgentConfig = z.output<typeof AgentConfigSchema>;

/** Validates a parsed config; the first problem is reported as `field: expected ..., got ...`. */
export function parseAgentConfig(value: unknown, source = 'config'): AgentConfig {
  const parsed = AgentConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const detail =
    issue?.code === 'unrecognized_keys' ? `${issue.keys.join(', ')}: unknown key` : `${path || 'config'}: ${issue?.message ?? 'invalid'}`;
  throw new AppError('BAD_INPUT', detail, { where: source });
}

/** Reads and validates a config JSON file. */
export function loadAgentConfig(path: string): AgentConfig {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `expected a readable config file, got ${code}`, {
      where: path,
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new AppError('BAD_INPUT', `expected JSON, got a parse error (${(error as Error).message})`, { where: path });
  }
  return parseAgentConfig(value, path);
}
