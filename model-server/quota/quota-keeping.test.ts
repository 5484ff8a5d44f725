// The solver's quota kept in a file: written before the answer that shows it, read back by a restarted server, never shown unkept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getBuiltinScript } from '../builtin-scripts.js';
import { createQuotaState, readQuotaState, type QuotaState } from '../solver/quota-state.js';
import { makeTaskBank } from '../solver/test-fixtures/make-task-bank.js';
import { startScriptedServer, type ScriptedServer } from '../start-scripted-server.js';
import { askMessages, buildQuotaHeaders, getQuota, QUOTA_PATHS } from './test-fixtures/quota-test-client.js';

const bank = makeTaskBank();
const dirs: string[] = [];
let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => rmSync(bank, { recursive: true, force: true }));

function makeFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quota-keeping-'));
  dirs.push(dir);
  return join(dir, 'state', 'plan.json');
}

const start = (quota?: { file: string; state: QuotaState; journal?: boolean; onProblem?: (line: string) => void }) =>
  startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: bank }, ...(quota ? { quota } : {}) });

/** The GLM quota endpoint's exact count of units used, and its 5h reset (epoch ms). */
async function readGlm(url: string, account: string): Promise<{ used: number; resetMs: number }> {
  const answer = await getQuota(url, QUOTA_PATHS.glm, buildQuotaHeaders('glm', account));
  const limits = (answer.json.data as { limits: { type: string; unit: number; currentValue: number; nextResetTime: number }[] }).limits;
  const fiveHour = limits.find((limit) => limit.type === 'TOKENS_LIMIT' && limit.unit === 3);
  return { used: fiveHour?.currentValue ?? -1, resetMs: fiveHour?.nextResetTime ?? -1 };
}

describe('the solver quota kept in a file', () => {
  it('is written before the answer that shows it leaves, and a server restarted from it goes on, resets unchanged', async () => {
    const file = makeFile();
    const { state } = readQuotaState(file, Date.now() - 60_000);
    server = await start({ file, state });
    const first = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'scripted-glm', stream: true, messages: [{ role: 'user', content: 'Task id: one-file' }] }),
    });
    // Only the headers are in: the file already holds the charge the answer carries.
    const written = readQuotaState(file, 0).state;
    await first.text();
    const before = await readGlm(server.url, 'scripted-glm');
    expect(written.accounts['scripted-glm']).toEqual({ units: before.used, charges: [] });
    expect(written.started_at_ms).toBe(state.started_at_ms);
    await server.close();

    server = await start({ file, state: readQuotaState(file, Date.now()).state });
    expect(await readGlm(server.url, 'scripted-glm')).toEqual(before);
    const second = await askMessages(server.url, 'scripted-glm', 100);
    expect((await readGlm(server.url, 'scripted-glm')).used).toBe(before.used + second.units);
    expect(readQuotaState(file, 0).state.accounts['scripted-glm']?.units).toBe(before.used + second.units);
  });

  it("journals each charge's time until it is settled, and settles only the accounts named", async () => {
    const file = makeFile();
    server = await start({ file, state: createQuotaState(Date.now()), journal: true });
    const glm = await askMessages(server.url, 'scripted-glm', 10);
    const codex = await askMessages(server.url, 'scripted-codex', 10);
    const journaled = readQuotaState(file, 0).state.accounts;
    expect(journaled['scripted-glm']?.charges.map(([, units]) => units)).toEqual([glm.units]);
    expect(journaled['scripted-glm']?.units).toBe(0);
    server.settleQuota(Date.now(), ['scripted-glm']);
    const settled = readQuotaState(file, 0).state.accounts;
    expect(settled['scripted-glm']).toEqual({ units: glm.units, charges: [] });
    expect(settled['scripted-codex']?.charges.map(([, units]) => units)).toEqual([codex.units]);
  });

  it('cuts a request whose charge cannot be kept: no answer, no bar moved, the problem told once per request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quota-keeping-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a-file'), '');
    const file = join(dir, 'a-file', 'plan.json');
    const problems: string[] = [];
    server = await start({ file, state: createQuotaState(Date.now()), onProblem: (line) => problems.push(line) });
    await expect(askMessages(server.url, 'scripted-glm', 10)).rejects.toThrow();
    expect((await readGlm(server.url, 'scripted-glm')).used).toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^#1 POST \/v1\/messages not answered: \S+a-file\/plan\.json: cannot keep the scripted quota state \(/);
    expect(server.sent).toHaveLength(1); // the quota read only
  });

  it('without a file, lives in memory: a server started again starts at 0 (a standalone server as before)', async () => {
    server = await start();
    const answer = await askMessages(server.url, 'scripted-glm', 10);
    expect((await readGlm(server.url, 'scripted-glm')).used).toBe(answer.units);
    server.settleQuota(Date.now(), null);
    await server.close();
    server = await start();
    expect((await readGlm(server.url, 'scripted-glm')).used).toBe(0);
  });
});
