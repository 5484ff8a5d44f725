// `experiment view` as a process of its own for the specs: started on a free port, its printed address read, stopped with SIGINT.
import { execa, type ResultPromise } from 'execa';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

export interface ViewerProcess {
  /** The address it printed, with `?token=`. */
  url: string;
  port: number;
  /** The token in that address (scripts send it as x-tracker-auth). */
  token: string;
  child: ResultPromise;
  /** SIGINT, then its stderr in the scenario's log. */
  stop(): Promise<void>;
}

/** Starts `experiment view ARGS --port 0` with `env` alone (nothing of this process's) and waits for its "open URL" line. */
export async function startViewerProcess(world: TrackerWorld, args: string[], env: NodeJS.ProcessEnv): Promise<ViewerProcess> {
  const child: ResultPromise = execa(process.execPath, [EXPERIMENT_BIN, 'view', ...args, '--port', '0'], {
    cwd: world.workDir,
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /open (http\S+)/.exec(out)?.[1];
      if (found) resolve(found);
    });
    void child.then((result) => reject(new Error(`experiment view ended (exit ${result.exitCode}):\n${String(result.stderr)}`)));
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGINT');
    const result = await child;
    world.log(`experiment view stderr:\n${String(result.stderr)}`);
  };
  const address = new URL(url);
  return { url, port: Number(address.port), token: address.searchParams.get('token') ?? '', child, stop };
}
