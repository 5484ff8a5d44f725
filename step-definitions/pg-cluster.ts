// A throwaway PostgreSQL cluster for tests: initdb in a temp dir, a unix socket only, removed by stop().
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestCluster {
  /** A connection string for the cluster's `postgres` database, over the unix socket. */
  url: string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): string;
  /** A crash and a start: the server killed as a power cut would (`-m immediate`), then started, recovering from its WAL. */
  crashRestart(): void;
  stop(): void;
}

/** Debian puts each major version's server programs in /usr/lib/postgresql/<major>/bin (not on PATH). */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((entry) => existsSync(join(root, entry, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const newest = majors[0];
  return newest === undefined ? null : join(root, newest, 'bin');
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function explainNoPostgres(): string | null {
  return findPostgresBin() ? null : 'PostgreSQL server programs not found under /usr/lib/postgresql (apt-get install postgresql)';
}

/**
 * Starts a cluster owned by the `postgres` user when run as root (initdb refuses root), listening on a socket in
 * its own directory and on no TCP port, with trust auth for the test role `tracker` (a superuser: the tests make
 * the restricted application role themselves). `durable`: fsync on, as a real server runs (the benches compare it
 * with JSONL appends, which fsync).
 */
export function startTestCluster(options: { durable?: boolean } = {}): TestCluster {
  const bin = findPostgresBin();
  if (!bin) throw new Error(explainNoPostgres() ?? 'no PostgreSQL');
  const dir = mkdtempSync(join(tmpdir(), 'tracker-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (program: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) {
    const { uid, gid } = readPostgresIds();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'tracker', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  // fsync off: a test cluster is thrown away, and fsync on a shared CI disk only adds seconds.
  const fsync = options.durable ? 'on' : 'off';
  const settings = `-k ${dir} -c listen_addresses='' -c fsync=${fsync} -c max_connections=200`;
  const start = (): void => run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', 'start']);
  start();
  const urlFor = (database: string) => `postgres://tracker@localhost/${database}?host=${encodeURIComponent(dir)}`;
  return {
    url: urlFor('postgres'),
    createDatabase(name) {
      execFileSync(join(bin, 'createdb'), ['-h', dir, '-U', 'tracker', name], { stdio: ['ignore', 'pipe', 'pipe'] });
      return urlFor(name);
    },
    crashRestart() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      start();
    },
    stop() {
      spawnSync(
        asRoot ? 'runuser' : join(bin, 'pg_ctl'),
        [...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'immediate', 'stop'],
        {
          stdio: 'ignore',
        },
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let shared: TestCluster | null = null;
let databases = 0;

/** A new empty database on this process's shared cluster, started on first use. */
export function createScenarioDatabase(): string {
  if (shared === null) {
    const missing = explainNoPostgres();
    if (missing) throw new Error(missing);
    shared = startTestCluster();
  }
  databases += 1;
  return shared.createDatabase(`spec_${process.pid}_${databases}`);
}

/** Crash-restarts this process's shared cluster (every scenario database on it goes away for a moment). */
export function crashRestartSharedCluster(): void {
  if (shared === null) throw new Error('no PostgreSQL cluster has been started in this process');
  shared.crashRestart();
}

export function stopSharedCluster(): void {
  shared?.stop();
  shared = null;
}

/** Inserts a raw line as another program would, past every check of this tool. */
export async function insertByHand(url: string, file: string, id: string, line: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('INSERT INTO ledger_rows (file, id, line) VALUES ($1, $2, $3)', [file, id, line]);
  } finally {
    await client.end();
  }
}

/** Rows in ledger_rejects. */
export async function countRejects(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM ledger_rejects');
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

function readPostgresIds(): { uid: number; gid: number } {
  const out = execFileSync('id', ['postgres'], { encoding: 'utf8' });
  const uid = Number(/uid=(\d+)/.exec(out)?.[1]);
  const gid = Number(/gid=(\d+)/.exec(out)?.[1]);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error(`cannot read the postgres user's ids from: ${out}`);
  return { uid, gid };
}
