// The proxy specs' bench: named upstreams, the real `tracker proxy` as a child process, and a client.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { request } from 'undici';
import { BUILTIN_SCRIPTS, parseScript, startScriptedServer, type ScriptedServer } from '../model-server/index.js';
import { startRawUpstream, type RawBehaviour, type RawUpstream } from './raw-upstreams.js';
import { TRACKER_BIN, type TrackerWorld } from './world.js';

export interface ClientAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** performance.now() when the client hung up, if it did. */
  hungUpAt: number | null;
}

export class ProxyLab {
  readonly scripted = new Map<string, ScriptedServer>();
  readonly raw = new Map<string, RawUpstream>();
  readonly answers: ClientAnswer[] = [];
  proxyUrl: string | null = null;
  private proxy: ResultPromise | null = null;
  proxyExit: { exitCode: number | undefined; stderr: string } | null = null;

  constructor(private readonly world: TrackerWorld) {}

  async startScripted(name: string, scriptName: string, overrides: Record<string, unknown> = {}): Promise<void> {
    const script = parseScript({ ...BUILTIN_SCRIPTS[scriptName], ...overrides }, scriptName);
    this.scripted.set(name, await startScriptedServer({ script }));
  }

  async startRaw(name: string, behaviour: RawBehaviour): Promise<void> {
    this.raw.set(name, await startRawUpstream(behaviour));
  }

  /**
   * A scripted server's answers once it has recorded at least `count` (or after 2 s): a stream the proxy cut
   * is recorded when the server notices, a few milliseconds after the client got its end.
   */
  async waitForAnswers(name: string, count: number): Promise<ScriptedServer['sent']> {
    const server = this.scripted.get(name);
    if (!server) throw new Error(`no scripted server named ${name}`);
    for (let waited = 0; server.sent.length < count && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 50));
    return server.sent;
  }

  /** A server's URL by name; anything that is not a name is taken as a URL already. */
  urlOf(name: string): string {
    return this.scripted.get(name)?.url ?? this.raw.get(name)?.url ?? name;
  }

  hostOf(name: string): string {
    return new URL(this.urlOf(name)).host;
  }

  writeConfig(file: string, config: unknown): string {
    const path = join(this.world.workDir, file);
    writeFileSync(path, JSON.stringify(config, null, 2));
    return path;
  }

  /** The arguments the proxy was last started with, for a restart. */
  lastProxyArgs: string[] = [];

  async restartProxy(): Promise<void> {
    await this.stopProxy();
    this.proxyExit = null;
    this.proxy = null;
    await this.startProxy(this.lastProxyArgs);
  }

  /** The proxy's base path: its secret start path on loopback without a token, else ''. */
  basePath(): string {
    return new URL(this.proxyUrl ?? 'http://x').pathname.replace(/\/$/, '');
  }

  async startProxy(args: string[], env: Record<string, string> = {}): Promise<void> {
    this.lastProxyArgs = args;
    const child = execa(process.execPath, [TRACKER_BIN, 'proxy', '--port', '0', '--json', ...args], {
      cwd: this.world.workDir,
      env: { TRACKER_DATA_DIR: this.world.dataDir, TZ: 'UTC', ...this.world.ledgerEnv(), ...env },
      extendEnv: true,
      reject: false,
      stdin: 'ignore',
      buffer: { stdout: false, stderr: true },
    });
    this.proxy = child;
    this.proxyUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const end = out.indexOf('\n}');
        if (end >= 0) resolve((JSON.parse(out.slice(0, end + 2)) as { url: string }).url);
      });
      void child.then((result) =>
        reject(new Error(`tracker proxy exited ${result.exitCode} before it was ready:\n${String(result.stderr)}`)),
      );
    });
  }

  /** Sends SIGTERM and waits for the proxy to flush and exit. */
  async stopProxy(): Promise<void> {
    await this.signalProxy('SIGTERM');
  }

  /** Sends `signal` (SIGKILL: no chance to flush) and returns the signal the proxy died of. */
  async signalProxy(signal: NodeJS.Signals): Promise<string | null> {
    if (!this.proxy || this.proxyExit) return null;
    this.proxy.kill(signal);
    const result = await this.proxy;
    this.proxyExit = { exitCode: result.exitCode, stderr: String(result.stderr) };
    return result.signal ?? null;
  }

  async send(path: string, body: object, headers: Record<string, string> = {}, hangUpAfterFirstChunk = false): Promise<ClientAnswer> {
    if (!this.proxyUrl) throw new Error('the proxy is not running');
    const controller = new AbortController();
    const response = await request(`${this.proxyUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    const chunks: Buffer[] = [];
    let hungUpAt: number | null = null;
    try {
      for await (const chunk of response.body) {
        chunks.push(chunk as Buffer);
        if (hangUpAfterFirstChunk && Buffer.concat(chunks).includes('content_block_delta')) {
          hungUpAt = performance.now();
          controller.abort();
          break;
        }
      }
    } catch (error) {
      if (hungUpAt === null) chunks.push(Buffer.from(`\n[client saw: ${(error as Error).message}]`));
    }
    const answer = { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks), hungUpAt };
    this.answers.push(answer);
    return answer;
  }

  /** A killed proxy would lose the spec's evidence: always stop it (and see it exit: it writes to the folder), then the upstreams. */
  async close(): Promise<void> {
    if (this.proxy && !this.proxyExit) await this.signalProxy('SIGKILL');
    await Promise.allSettled([...this.scripted.values(), ...this.raw.values()].map((server) => server.close()));
  }
}

const labs = new WeakMap<TrackerWorld, ProxyLab>();

/** The scenario's lab, made on first use. */
export function labOf(world: TrackerWorld): ProxyLab {
  let lab = labs.get(world);
  if (!lab) {
    const made = new ProxyLab(world);
    labs.set(world, made);
    world.addStop(() => made.close());
    lab = made;
  }
  return lab;
}
