// The run's proxy keeps turns only for the arms running now, takes an arm's window from its base URL, and adds a ChatGPT login.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readArmEvidence } from '../ledger/evidence/index.js';
import { parseScript, startScriptedServer } from '../model-server/index.js';
import { BUILTIN_PROFILES, pickProfiles, type ProviderProfile } from '../runner/index.js';
import { startRunServices, type RunServices } from './start-run-services.js';

const dirs: string[] = [];
let services: RunServices | null = null;

afterEach(async () => {
  await services?.stop();
  services = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function sendTurn(url: string, windowId: string): Promise<number> {
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'sk-ant-test',
      'anthropic-version': '2023-06-01',
      'x-tracker-provider': 'sim-claude',
      'x-tracker-window': windowId,
    },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hello' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('startRunServices transcripts', () => {
  it('keeps the turns of a live arm window and none of a window the runner is not running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-services-'));
    dirs.push(dataDir);
    services = await startRunServices({
      catalog: BUILT_IN_CATALOG,
      dataDir,
      planId: 'plan-x',
      agentId: 'main',
      tasksDirs: [fileURLToPath(new URL('../task-bank', import.meta.url))],
      profiles: pickProfiles(BUILTIN_PROFILES, ['sim-claude']),
      port: 0,
      budget: null,
      env: {},
    });
    services.liveWindows.add('plan-x-a001-sim-claude');
    const open = services.proxy.openArmPath;
    if (!open) throw new Error("the run's proxy has no arm paths");
    const pinned = { 'x-tracker-agent': 'main', 'x-tracker-provider': 'sim-claude' };
    const live = open({ ...pinned, 'x-tracker-window': 'plan-x-a001-sim-claude' });
    // The window the agent names is not the one it is charged to: its base URL decides.
    expect(await sendTurn(live.url, 'plan-x-a002-sim-claude')).toBe(200);
    const finished = open({ ...pinned, 'x-tracker-window': 'plan-x-a002-sim-claude' });
    // A base URL of an arm that is not running now: its evidence must not grow.
    expect(await sendTurn(finished.url, 'plan-x-a002-sim-claude')).toBe(200);
    // Outside every arm's base URL, or at a closed one: nothing reaches the model.
    expect(await sendTurn(services.proxy.url, 'plan-x-a001-sim-claude')).toBe(403);
    live.close();
    expect(await sendTurn(live.url, 'plan-x-a001-sim-claude')).toBe(403);
    await services.stop();
    services = null;
    expect(readArmEvidence(dataDir, 'plan-x-a001-sim-claude').turns?.length).toBe(1);
    expect(existsSync(join(dataDir, 'evidence', 'plan-x-a002-sim-claude'))).toBe(false);
  });
});

describe('startRunServices with Codex signed in with ChatGPT', () => {
  const placeholder = { authorization: 'Bearer placeholder-access-token', 'chatgpt-account-id': 'agent-tracker-placeholder-account' };
  const codexBody = JSON.stringify({ model: 'gpt-5-codex', stream: true, store: false, input: [] });

  async function startFor(profile: ProviderProfile, env: NodeJS.ProcessEnv): Promise<(path: string) => Promise<Response>> {
    const dataDir = mkdtempSync(join(tmpdir(), 'run-services-'));
    dirs.push(dataDir);
    services = await startRunServices({
      catalog: BUILT_IN_CATALOG,
      dataDir,
      planId: 'plan-c',
      agentId: 'main',
      tasksDirs: [fileURLToPath(new URL('../task-bank', import.meta.url))],
      profiles: new Map([['codex-chatgpt', profile]]),
      port: 0,
      budget: null,
      env,
    });
    const arm = services.proxy.openArmPath?.({ 'x-tracker-provider': 'codex-chatgpt', 'x-tracker-window': 'plan-c-a001-codex-chatgpt' });
    if (!arm) throw new Error("the run's proxy has no arm paths");
    return (path) =>
      fetch(`${arm.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...placeholder }, body: codexBody });
  }

  it("sends the runner's own ChatGPT login to a real back end in place of the agent's placeholder", async () => {
    const chatgpt = await startScriptedServer({ script: parseScript({ steps: [{ type: 'text', text: 'OK' }] }) });
    try {
      const home = mkdtempSync(join(tmpdir(), 'user-codex-'));
      dirs.push(home);
      const tokens = { access_token: 'users-real-access-token', account_id: 'acct-users-real', refresh_token: 'rt-users-real' };
      writeFileSync(join(home, 'auth.json'), JSON.stringify({ tokens, last_refresh: new Date().toISOString() }));
      const profile = { ...(BUILTIN_PROFILES['codex-chatgpt'] as ProviderProfile), upstream: chatgpt.url };
      const post = await startFor(profile, { CODEX_HOME: home });
      const answer = await post('/backend-api/codex/responses');
      expect(answer.status).toBe(200);
      await answer.text();
      expect(chatgpt.sent[0]?.request_headers).toMatchObject({
        authorization: 'Bearer users-real-access-token',
        'chatgpt-account-id': 'acct-users-real',
      });
    } finally {
      await services?.stop();
      services = null;
      await chatgpt.close();
    }
  });

  it('sends the placeholder on to the scripted server (--upstream scripted): no login of the user is read', async () => {
    const profile = { ...(BUILTIN_PROFILES['codex-chatgpt'] as ProviderProfile), upstream: 'scripted' };
    const post = await startFor(profile, { CODEX_HOME: '/nonexistent' });
    const answer = await post('/backend-api/codex/responses');
    expect(answer.status).toBe(200);
    await answer.text();
    expect(services?.server?.sent[0]?.request_headers).toMatchObject(placeholder);
  });

  it('refuses to start against a real back end without a ChatGPT login, naming the file', async () => {
    const home = mkdtempSync(join(tmpdir(), 'no-codex-'));
    dirs.push(home);
    await expect(startFor(BUILTIN_PROFILES['codex-chatgpt'] as ProviderProfile, { CODEX_HOME: home })).rejects.toThrow(
      `no ChatGPT login to send (ENOENT): log in with \`codex login\` (ChatGPT) first`,
    );
  });
});

describe('startRunServices with a Claude login that cannot read its bars', () => {
  it('runs, warning that the bars come from the answers, when the login lacks user:profile', async () => {
    const anthropic = await startScriptedServer({ script: parseScript({ steps: [{ type: 'text', text: 'OK' }] }) });
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'run-services-'));
      const config = mkdtempSync(join(tmpdir(), 'claude-config-'));
      dirs.push(dataDir, config);
      const oauth = { accessToken: 'sk-ant-oat01-inference-only', scopes: ['user:inference'] };
      writeFileSync(join(config, '.credentials.json'), JSON.stringify({ claudeAiOauth: oauth }));
      services = await startRunServices({
        catalog: BUILT_IN_CATALOG,
        dataDir,
        planId: 'plan-s',
        agentId: 'main',
        tasksDirs: [fileURLToPath(new URL('../task-bank', import.meta.url))],
        profiles: new Map([['claude', { ...(BUILTIN_PROFILES.claude as ProviderProfile), upstream: anthropic.url }]]),
        port: 0,
        budget: null,
        env: { CLAUDE_CONFIG_DIR: config },
      });
      expect(services.quotaSources.sources.has('claude')).toBe(false);
      expect(services.quotaSources.warnings).toEqual([
        expect.stringMatching(
          /^claude: .*\.credentials\.json: holds a login .* but not user:profile.*; its capacity comes from the proxy's readings$/,
        ),
      ]);
    } finally {
      await services?.stop();
      services = null;
      await anthropic.close();
    }
  });
});
