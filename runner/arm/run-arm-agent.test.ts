// The agent's environment holds the task's own (an imported Python package's PYTHONPATH), as its hidden tests get it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaunchRequest } from '../drivers/driver.js';
import type { ArmContext } from './arm-context.js';
import { runArmAgent } from './run-arm-agent.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The request the driver is given, for a task whose test.env is `env`; the launch itself is stopped there. */
async function captureLaunch(env: Record<string, string> | undefined, passEnv: Record<string, string> = {}): Promise<LaunchRequest> {
  const root = mkdtempSync(join(tmpdir(), 'arm-agent-env-'));
  dirs.push(root);
  writeFileSync(join(root, 'spec.md'), 'Fix it.');
  let seen: LaunchRequest | null = null;
  const driver = {
    name: 'claude',
    prepare: (request: LaunchRequest) => {
      seen = request;
      throw new Error('stopped at launch');
    },
  };
  const ctx = {
    job: {
      arm: { provider: 'claude' },
      task: { spec: join(root, 'spec.md'), meta: { id: 'py-task', title: 'T', test: env ? { report: 'pytest', env } : undefined } },
      profile: { driver: 'claude', model: 'm' },
      agentId: 'main',
      windowId: 'w-1',
    },
    services: { drivers: { claude: driver }, proxyUrl: 'http://127.0.0.1:9' },
    sandbox: { root, workDir: join(root, 'work'), homeDir: join(root, 'home') },
    passEnv,
    notes: [],
  } as unknown as ArmContext;
  await expect(runArmAgent(ctx, 1000, false)).rejects.toThrow('stopped at launch');
  return seen as unknown as LaunchRequest;
}

describe('runArmAgent', () => {
  it("gives the agent the task's test.env, its relative paths under the work folder, over the profile's pass_env", async () => {
    const request = await captureLaunch({ PYTHONPATH: 'src:.pyenv' }, { EXTRA: '1', PYTHONPATH: '/elsewhere' });
    expect(request.passEnv).toEqual({ EXTRA: '1', PYTHONPATH: `${join(request.workDir, 'src')}:${join(request.workDir, '.pyenv')}` });
    expect((await captureLaunch({ PYTHONPATH: '/opt/lib:.' })).passEnv.PYTHONPATH).toMatch(/^\/opt\/lib:\/.*\/work$/);
  });

  it('adds nothing for a task with no environment of its own', async () => {
    expect((await captureLaunch(undefined, { EXTRA: '1' })).passEnv).toEqual({ EXTRA: '1' });
  });
});
