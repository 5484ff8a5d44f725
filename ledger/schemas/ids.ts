// Identifier rules shared by every row: agents, providers and windows end up in paths and CLI output.
import * as z from 'zod';
import { AGENT_ID_PATTERN, AGENT_ID_RULE, PROVIDER_ID_PATTERN, WINDOW_ID_PATTERN } from '../vocabulary/index.js';

export const AgentIdSchema = z.string().regex(AGENT_ID_PATTERN, AGENT_ID_RULE);
export const ProviderIdSchema = z
  .string()
  .regex(PROVIDER_ID_PATTERN, 'expected a lower-case id such as "claude", "codex", "glm" or "claude+glm"');
export const WindowIdSchema = z.string().regex(WINDOW_ID_PATTERN, 'expected letters, digits, ".", "_", ":", "+", ">" or "-" (max 128)');
/** A task-bank id: lower-case letters, digits and dashes, 3-48 characters, starting with a letter or digit: never `.`, `/` or `\\`. */
export const TASK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,47}$/;
export const TaskIdSchema = z
  .string()
  .regex(TASK_ID_PATTERN, 'expected a lower-case kebab id such as "lru-cache-ttl" (3-48 of a-z, 0-9, -)');
/** True when `id` is a safe task id (usable as one path segment). */
export function isTaskId(id: string): boolean {
  return TASK_ID_PATTERN.test(id);
}
/** A subscription plan id (the plan table's keys, a window's `subscription.plan`, a profile's `plan`). */
export const PlanIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._+-]{0,63}$/, 'expected a lower-case plan id such as "claude-max-20x"');
export const CommitShaSchema = z.string().regex(/^[0-9a-f]{7,64}$/i, 'expected a git commit SHA (7 to 64 hex digits)');

export type AgentId = z.infer<typeof AgentIdSchema>;
export type ProviderId = z.infer<typeof ProviderIdSchema>;
export type WindowId = z.infer<typeof WindowIdSchema>;
