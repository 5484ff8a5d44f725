// Steps for queued experiments: workers on "machines" (their own data dirs) finishing a plan while some are killed.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Then, When } from '@cucumber/cucumber';
import { execa, type ResultPromise } from 'execa';
import seedrandom from 'seedrandom';
import { awaitProgress, GUARDED_STEP } from './progress-guard.js';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

interface Machine {
  name: string;
  child: ResultPromise;
  exited: boolean;
}

When(
  '{int} workers on their own machines run the queue while one of them is killed with SIGKILL {int} times, seed {string}',
  GUARDED_STEP,
  async function (this: TrackerWorld, count: number, kills: number, seed: string) {
    const random = seedrandom(seed);
    // Progress is what the workers write (each arm's lines): on a loaded machine the plan outlasts any fixed limit.
    let written = 0;
    const start = (name: string): Machine => {
      const child = execa(process.execPath, [EXPERIMENT_BIN, 'worker', '--lease-s', '3', '--wait', '--data-dir', name], {
        cwd: this.workDir,
        env: { TZ: 'UTC', ...this.ledgerEnv() },
        reject: false,
        stdin: 'ignore',
      });
      child.stderr?.on('data', () => {
        written += 1;
      });
      const machine: Machine = { name, child, exited: false };
      void child.finally(() => {
        machine.exited = true;
      });
      return machine;
    };
    const machines = Array.from({ length: count }, (_, i) => start(`machine-${i + 1}`));
    const work = async () => {
      for (let kill = 0; kill < kills; kill += 1) {
        await sleep(1500 + random() * 2500);
        const victim = Math.floor(random() * machines.length);
        const machine = machines[victim] as Machine;
        if (machine.exited) break;
        machine.child.kill('SIGKILL');
        await machine.child;
        // The machine comes back: a new worker on the same data dir takes over the dead one's run lock.
        machines[victim] = start(machine.name);
      }
      return Promise.all(machines.map((machine) => machine.child));
    };
    let results: Awaited<ReturnType<typeof work>>;
    try {
      results = await awaitProgress(`${count} workers running the queue`, work(), () => written);
    } catch (error) {
      for (const machine of machines) machine.child.kill('SIGKILL');
      throw error;
    }
    for (const result of results) {
      assert.equal(result.exitCode, 0, `a worker failed:\n${String(result.stderr)}`);
    }
  },
);

interface FrozenRun {
  late: { exitCode: number | undefined; stdout: string; stderr: string };
  other: { exitCode: number | undefined; stdout: string; stderr: string };
}

When(
  'a worker is frozen right after claiming an arm, until its lease has run out and another worker has run that arm',
  { timeout: 300_000 },
  async function (this: TrackerWorld & { frozen?: FrozenRun }) {
    const worker = (name: string) =>
      execa(process.execPath, [EXPERIMENT_BIN, 'worker', '--lease-s', '3', '--max-arms', '1', '--json', '--data-dir', name], {
        cwd: this.workDir,
        env: { TZ: 'UTC', ...this.ledgerEnv() },
        reject: false,
        stdin: 'ignore',
      });
    const late = worker('machine-late');
    // Frozen (SIGSTOP) the moment it names its claim: no heartbeat from then on, and nothing of the arm run yet.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      late.stderr?.on('data', (chunk: Buffer) => {
        if (/^arm \d+ /m.test(seen)) return; // frozen once only: what it writes once woken must not freeze it again
        seen += chunk.toString();
        if (!/^arm \d+ /m.test(seen)) return;
        process.kill(late.pid as number, 'SIGSTOP');
        resolve();
      });
      void late.then(() => reject(new Error(`the worker ended before claiming an arm:\n${seen}`)));
    });
    await sleep(4000);
    const other = await worker('machine-other');
    process.kill(late.pid as number, 'SIGCONT');
    this.frozen = { late: await late, other } as unknown as FrozenRun;
  },
);

Then(
  'the woken worker says another worker took its arm, records no window for it, and exits 0',
  function (this: TrackerWorld & { frozen?: FrozenRun }) {
    const run = this.frozen;
    assert.ok(run, 'no frozen worker ran');
    assert.equal(run.other.exitCode, 0, run.other.stderr);
    assert.equal(run.late.exitCode, 0, run.late.stderr);
    const late = JSON.parse(run.late.stdout) as { arms: { arm_index: number; done: boolean; lease_lost: boolean }[] };
    const other = JSON.parse(run.other.stdout) as { arms: { arm_index: number; done: boolean; claims: number }[] };
    assert.deepEqual(
      late.arms.map((arm) => [arm.done, arm.lease_lost]),
      [[false, true]],
      run.late.stdout,
    );
    assert.deepEqual(
      other.arms.map((arm) => [arm.arm_index, arm.done, arm.claims]),
      [[late.arms[0]?.arm_index, true, 2]],
    );
    assert.match(run.late.stderr, /ran out while it ran and another worker took it/);
  },
);

Then('the queued plan has one live window for each done arm and no open capture', async function (this: TrackerWorld) {
  const status = await this.runExperiment(['status', '--json']);
  assert.equal(status.exitCode, 0, status.stderr);
  const queue = (JSON.parse(status.stdout) as { queues: { arms: { state: string }[] }[] }).queues[0];
  const done = queue?.arms.filter((arm) => arm.state === 'done').length ?? 0;
  const dead = new Set(
    this.readRows('windows.jsonl')
      .filter((row) => row.kind === 'retraction')
      .map((row) => row.target_id),
  );
  const live = this.readRows('windows.jsonl').filter((row) => row.kind === 'window' && !dead.has(row.id));
  assert.equal(live.length, done, `${live.length} live windows for ${done} done arms`);
  const snapshots = this.readRows('snapshots.jsonl');
  const retracted = new Set(snapshots.filter((row) => row.kind === 'retraction').map((row) => row.target_id));
  const closed = new Set(live.flatMap((row) => [row.before_id, row.after_id]));
  const open = snapshots.filter(
    (row) => row.kind === 'snapshot' && row.phase !== undefined && !retracted.has(row.id) && !closed.has(row.id),
  );
  assert.deepEqual(
    open.map((row) => `${row.window_id} ${row.phase}`),
    [],
  );
});

Then('every arm of the queued plan has exactly one window', async function (this: TrackerWorld) {
  const status = await this.runExperiment(['status', '--json']);
  assert.equal(status.exitCode, 0, status.stderr);
  const parsed = JSON.parse(status.stdout) as {
    plans: { plan_id: string; arms: number; done: number }[];
    queues: { plan_id: string; arms: { state: string }[] }[];
  };
  const plan = parsed.plans[0];
  assert.ok(plan, 'no plan recorded');
  assert.equal(plan.done, plan.arms, `${plan.done} of ${plan.arms} arms done`);
  assert.ok(
    parsed.queues[0]?.arms.every((arm) => arm.state === 'done'),
    'the queue still has arms that are not done',
  );
  const windows = this.readRows('windows.jsonl').filter((row) => row.kind === 'window' && row.plan_id === plan.plan_id);
  const retracted = new Set(
    this.readRows('windows.jsonl')
      .filter((row) => row.kind === 'retraction')
      .map((row) => row.target_id),
  );
  const live = windows.filter((row) => !retracted.has(row.id));
  const perArm = new Map<string, number>();
  for (const row of live) {
    const arm = /-a(\d{3,})-/.exec(String(row.window_id).slice(plan.plan_id.length))?.[1] ?? String(row.window_id);
    perArm.set(arm, (perArm.get(arm) ?? 0) + 1);
  }
  assert.equal(live.length, plan.arms, `${live.length} live windows for ${plan.arms} arms`);
  assert.ok(
    [...perArm.values()].every((n) => n === 1),
    `arms with more than one window: ${JSON.stringify([...perArm].filter(([, n]) => n > 1))}`,
  );
});
