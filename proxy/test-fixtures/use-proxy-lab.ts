// Tests' scripted upstream and proxy, one of each per test: started on demand, stopped and their data dirs removed after each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type Script, startScriptedServer, type ScriptedServer } from '../../model-server/index.js';
import type { ProxyOptions, RunningProxy } from '../server/proxy-options.js';
import { startProxyBefore } from './start-proxy-before.js';

export interface ProxyLab {
  upstream: ScriptedServer | null;
  proxy: RunningProxy | null;
  /**
   * The scripted server playing `script`, a fresh data dir named after `prefix`, and a proxy in front writing to it;
   * `extra` may be made from the data dir (transcripts written beside the rows, say).
   */
  start(
    script: Script,
    prefix: string,
    extra?: Partial<ProxyOptions> | ((dataDir: string) => Partial<ProxyOptions>),
  ): Promise<{ proxy: RunningProxy; dataDir: string }>;
  /** Stops the proxy the way a user's Ctrl-C does: it waits for every row and turn recorded to be written. */
  stopProxy(): Promise<void>;
}

/** Registers the afterEach that tears the lab down: call it once at the top of a test file. */
export function useProxyLab(): ProxyLab {
  const dirs: string[] = [];
  const lab: ProxyLab = {
    upstream: null,
    proxy: null,
    async start(script, prefix, extra = {}) {
      lab.upstream = await startScriptedServer({ script, port: 0 });
      const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
      dirs.push(dataDir);
      lab.proxy = await startProxyBefore(lab.upstream.url, dataDir, typeof extra === 'function' ? extra(dataDir) : extra);
      return { proxy: lab.proxy, dataDir };
    },
    async stopProxy() {
      const running = lab.proxy;
      lab.proxy = null;
      await running?.stop();
    },
  };
  afterEach(async () => {
    await lab.proxy?.stop(0);
    await lab.upstream?.close();
    lab.proxy = null;
    lab.upstream = null;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return lab;
}
