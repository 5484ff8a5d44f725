// What the failover specs' steps share: the keys and the message they send, the proxy's health, a check of moved rows.
import assert from 'node:assert/strict';
import { request } from 'undici';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

export const message = (model: string) => ({ model, max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'Say hello.' }] });
export const SECOND_KEY = 'second-account-key-0123456789';
export const CLIENT_KEY = 'client-own-key-9876543210';
/** The account the proxy reads the first back end's quota endpoint with (its own login, not the client's key). */
export const QUOTA_LOGIN = 'first-account-login-0123456789';
export const QUOTA_ROUTES = new Set(['claude_usage', 'codex_usage', 'glm_quota', 'gemini_quota']);

export interface Health {
  failover: { moves: number; returns: number; moved_requests: number; spent: { backend: string; resets_at: string }[] };
}

export async function readHealth(world: TrackerWorld): Promise<Health> {
  const answer = await request(`${labOf(world).proxyUrl}/_tracker/health`);
  return (await answer.body.json()) as Health;
}

/**
 * Telemetry rows `from` to `to` (1-based) went to the second account at `target`, moved from `left` by `trigger` on
 * `bar` at `pct`%: asserted, and each row returned with its failover reason for the caller's checks of the reset.
 */
export function checkMovedRows(
  world: TrackerWorld,
  [from, to]: [string, string],
  [target, left]: [string, string],
  [trigger, bar, pct]: [string, string, string],
): Array<{ row: Record<string, unknown>; reason: Record<string, unknown> | undefined }> {
  const lab = labOf(world);
  const rows = world.readRows('proxy_telemetry.jsonl').slice(Number(from) - 1, Number(to));
  assert.equal(rows.length, Number(to) - Number(from) + 1);
  return rows.map((row) => {
    const reason = row.failover_reason as Record<string, unknown> | undefined;
    assert.deepEqual(
      [row.backend_provider, row.failover_from, reason?.trigger, reason?.bar, reason?.used_pct],
      [`${lab.hostOf(target)}.SECOND_KEY`, lab.hostOf(left), trigger, bar, Number(pct)],
    );
    return { row, reason };
  });
}
