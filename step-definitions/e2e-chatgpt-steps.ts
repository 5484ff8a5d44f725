// Steps of the @e2e ChatGPT-login feature: the real codex signed in with ChatGPT, as the runner's codex driver sets it up.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBuiltinScript, startScriptedServer, type Script } from '../model-server/index.js';
import { codexDriver } from '../runner/index.js';
import { runExperimentWithClients } from './e2e-ledger-steps.js';
import { clientBin, e2eOf, finishClient, freshRepo, startClient } from './e2e-clients.js';
import { proxyUrl } from './e2e-shared.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

/** The user's ChatGPT login, as `codex login` leaves it in ~/.codex/auth.json (fake: it never leaves loopback). */
interface UserLogin {
  home: string;
  token: string;
  accountId: string;
}

const users = new WeakMap<TrackerWorld, UserLogin>();

function unsignedJwt(claims: object): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.${part({ e2e: 'unsigned' })}`;
}

/** A login whose access token is a JWT that expires in a day, so neither Codex nor the proxy would refresh or refuse it. */
function userLoginOf(world: TrackerWorld): UserLogin {
  let user = users.get(world);
  if (!user) {
    const home = join(world.workDir, 'user-codex-home');
    mkdirSync(home, { recursive: true });
    const accountId = 'acct-e2e-user-0001';
    const auth = { 'https://api.openai.com/auth': { chatgpt_account_id: accountId, chatgpt_plan_type: 'pro' } };
    const token = unsignedJwt({ exp: Math.floor(Date.now() / 1000) + 86400, e2e: 'user-access-token', ...auth });
    const tokens = {
      id_token: unsignedJwt({ email: 'user@e2e.invalid', ...auth }),
      access_token: token,
      refresh_token: 'rt-e2e-user',
      account_id: accountId,
    };
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ OPENAI_API_KEY: null, tokens, last_refresh: new Date().toISOString() }));
    user = { home, token, accountId };
    users.set(world, user);
  }
  return user;
}

async function startChatgptProxy(world: TrackerWorld, name: string, login: boolean): Promise<void> {
  const lab = labOf(world);
  const user = userLoginOf(world);
  const backend = { preset: 'chatgpt', url: lab.urlOf(name), ...(login ? { auth_login: 'codex' } : {}) };
  lab.writeConfig('proxy.json', { backends: { chatgpt: backend }, default_backend: 'chatgpt' });
  await lab.startProxy(['--config', 'proxy.json'], login ? { CODEX_HOME: user.home } : {});
}

Given(
  "the tracker proxy runs in front of the ChatGPT back end {string}, passing the client's login through",
  async function (this: TrackerWorld, name: string) {
    await startChatgptProxy(this, name, false);
  },
);

Given(
  "the tracker proxy runs in front of the ChatGPT back end {string} with the user's login from their Codex home",
  async function (this: TrackerWorld, name: string) {
    await startChatgptProxy(this, name, true);
  },
);

/** The real codex, set up by the runner's codex driver for a ChatGPT login; `ownLogin`: the user's own auth.json in place of the placeholder. */
async function runChatgptCodex(world: TrackerWorld, ownLogin: boolean, prompt: string, windowId: string): Promise<void> {
  const state = e2eOf(world);
  const cwd = await freshRepo(world, `codex-${state.runs.length + 1}`);
  // The runner's own set-up: config.toml, the placeholder auth.json, the arguments (runner/drivers/codex-driver.ts).
  const launch = codexDriver.prepare({
    workDir: cwd,
    homeDir: state.home,
    prompt,
    proxyUrl: proxyUrl(world),
    model: 'gpt-5-codex',
    headers: { 'x-tracker-window': windowId, 'x-tracker-agent': 'e2e-codex' },
    passEnv: { PATH: `${clientBin()}:${process.env.PATH ?? '/usr/bin:/bin'}` },
    login: 'chatgpt',
    // Codex's own sandbox fails where /usr/bin/bwrap exists (root inside unshare -n): as e2e-clients.ts, turn it off here.
    isolated: existsSync('/usr/bin/bwrap'),
  });
  // A user at their own proxy: their own login in the Codex home (what `codex login` wrote), not the placeholder.
  if (ownLogin) writeFileSync(join(state.codexHome, 'auth.json'), readFileSync(join(userLoginOf(world).home, 'auth.json')));
  await finishClient(world, 'codex', windowId, cwd, startClient(world, 'codex', launch.args, launch.env, cwd));
}

When(
  'the real codex client signed in with ChatGPT as the user runs {string} in window {string}',
  async function (this: TrackerWorld, prompt: string, windowId: string) {
    await runChatgptCodex(this, true, prompt, windowId);
  },
);

When(
  "the real codex client signed in with ChatGPT as the runner's placeholder runs {string} in window {string}",
  async function (this: TrackerWorld, prompt: string, windowId: string) {
    await runChatgptCodex(this, false, prompt, windowId);
  },
);

Then("the ChatGPT back end {string} received the user's login on every request to its API", function (this: TrackerWorld, name: string) {
  const user = userLoginOf(this);
  // Every request to its API (under /backend-api/): Codex's turns and model list, and the runner's quota reads. (The runner's
  // reachability check before a run, a bare GET /, carries no credential at all.)
  const sent = (labOf(this).scripted.get(name)?.sent ?? []).filter((record) => record.path.startsWith('/backend-api/'));
  assert.ok(
    sent.some((record) => record.route === 'chatgpt_responses'),
    'the back end got no turn',
  );
  for (const record of sent) {
    assert.deepEqual(
      [record.request_headers.authorization, record.request_headers['chatgpt-account-id']],
      [`Bearer ${user.token}`, user.accountId],
      `${record.method} ${record.path} came with another login`,
    );
  }
});

Then("the user's token and account id are in no file of the data dir or of the agent's Codex home", async function (this: TrackerWorld) {
  await labOf(this).stopProxy();
  const files = [...listFiles(this.dataDir), ...listFiles(e2eOf(this).codexHome)];
  assert.ok(
    files.some((file) => file.includes('rollout-')),
    'codex wrote no rollout: the check would prove nothing',
  );
  expectNoLoginIn(files, userLoginOf(this));
});

const BANK = resolve(dirname(fileURLToPath(import.meta.url)), '../../task-bank');

Given('a scripted ChatGPT back end {string} solving the task bank', async function (this: TrackerWorld, name: string) {
  // Solver mode: it answers Codex's turns on /backend-api/codex/responses with the task's solution, and its
  // /backend-api/wham/usage with the account's bars, as the real back end would answer the user's login.
  labOf(this).scripted.set(name, await startScriptedServer({ script: getBuiltinScript('hello') as Script, solver: { tasksDir: BANK } }));
});

When(
  'I run the experiment as the user signed in with ChatGPT, codex-chatgpt at {string}: {string}',
  async function (this: TrackerWorld, name: string, line: string) {
    const url = labOf(this).urlOf(name);
    const user = userLoginOf(this);
    // The built-in codex-chatgpt with its upstream moved from https://chatgpt.com to the stand-in (login and all kept).
    const profile = { driver: 'codex', model: 'gpt-5-codex', upstream: url, login: 'chatgpt', quota: 'codex' };
    const profiles = labOf(this).writeConfig('profiles.json', { providers: { 'codex-chatgpt': profile } });
    await runExperimentWithClients(this, `${line} --profiles ${profiles}`, {
      CODEX_HOME: user.home,
      TRACKER_QUOTA_URL_CODEX: `${url}/backend-api/wham/usage`,
    });
  },
);

Then("the user's token and account id are in no file of the data dir or of the arms' sandboxes", function (this: TrackerWorld) {
  const sandboxes = join(this.workDir, 'sandboxes');
  const files = [...listFiles(this.dataDir), ...listFiles(sandboxes)];
  assert.ok(
    files.some((file) => file.startsWith(sandboxes) && file.endsWith('auth.json')),
    'no arm kept its Codex home: the check would prove nothing',
  );
  expectNoLoginIn(files, userLoginOf(this));
});

function expectNoLoginIn(files: string[], user: UserLogin): void {
  for (const file of files) {
    const text = readFileSync(file).toString('latin1');
    for (const secret of [user.token, user.accountId])
      assert.ok(!text.includes(secret), `${file} holds the user's ${secret === user.token ? 'token' : 'account id'}`);
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return stat.isDirectory() ? listFiles(path) : stat.isFile() ? [path] : [];
  });
}
