// Attaches slirp4netns to a sandbox waiting in its own network namespace (outbound-network.ts), then lets it run.
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { AppError } from '../../kernel/index.js';
import type { OutboundNetwork } from './outbound-network.js';

/** slirp4netns configures tap0 in about 0.1 s here; a minute means it is stuck. */
const READY_TIMEOUT_MS = 60_000;

/**
 * tap0 up with 10.0.2.100 and a default route via 10.0.2.2 (--configure), no way to the host's loopback through
 * 10.0.2.2 (--disable-host-loopback), podman's MTU, and a seccomp filter (--enable-seccomp): slirp4netns parses every
 * packet the sandbox sends. Run by root it also drops its capabilities in a mount namespace of its own
 * (--enable-sandbox, as podman does); run by another user it has none to drop, and --enable-sandbox fails there
 * ("setegid(0)": the user namespace it joins maps that user only, slirp4netns 1.2.0, measured).
 */
function listSlirpFlags(root: boolean): string[] {
  return ['--configure', '--mtu=65520', '--disable-host-loopback', ...(root ? ['--enable-sandbox'] : []), '--enable-seccomp'];
}

/**
 * Waits for the sandbox (`pid`) to say it left the runner's network namespace (`ready`), attaches slirp4netns to its
 * namespace, waits until tap0 is up, then sends the sandbox its go (`go`). Returns the function that stops slirp4netns;
 * should the runner die first, slirp4netns sees its exit descriptor close and exits.
 */
export async function attachOutboundNetwork(
  pid: number,
  ready: Readable | null,
  go: Writable | null,
  network: OutboundNetwork,
): Promise<() => void> {
  if (!ready || !go) throw new AppError('BAD_INPUT', "expected the sandbox's fd 3 and stdin as pipes, got none");
  if (!(await readByte(ready))) throw new AppError('IO', 'the sandbox ended before it entered a network namespace of its own');
  // Never configure the runner's own namespace (its slirp4netns would reach the host's loopback for the sandbox).
  if (readlinkSync(`/proc/${pid}/ns/net`) === readlinkSync('/proc/self/ns/net'))
    throw new AppError('IO', "the sandbox was still in the runner's network namespace");
  const flags = listSlirpFlags(process.getuid?.() === 0);
  const slirp = spawn(network.slirp4netns, [...flags, '--ready-fd=3', '--exit-fd=4', String(pid), 'tap0'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  const stop = (): void => {
    slirp.stdio[4]?.destroy();
    slirp.kill('SIGKILL');
  };
  // Its errors go to stderr (its banner to stdout, ignored), with a warning that --enable-seccomp is experimental.
  let said = '';
  slirp.stderr?.on('data', (chunk: Buffer) => (said = `${said}${chunk}`.slice(-2000)));
  try {
    await waitReady(slirp, slirp.stdio[3] as Readable);
  } catch (error) {
    stop();
    // 'exit' can come before the last of its stderr (seen under load): its words are what the user needs.
    if (slirp.stderr) await waitEnd(slirp.stderr, 2000);
    const words = said
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('WARNING:'))
      .slice(-2)
      .join(' | ');
    throw new AppError('IO', `slirp4netns ${(error as Error).message}${words ? `: ${words}` : ''}`);
  }
  go.end('go\n');
  return stop;
}

/** Resolves when the stream ends, fails or `ms` have passed. */
function waitEnd(stream: Readable, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    if (stream.readableEnded || stream.destroyed) done();
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
}

/** True once one byte arrived, false when the stream ended (or failed) before. */
function readByte(stream: Readable): Promise<boolean> {
  return new Promise((resolve) => {
    stream.once('data', () => resolve(true));
    stream.once('end', () => resolve(false));
    stream.once('close', () => resolve(false));
    stream.once('error', () => resolve(false));
  });
}

/** Resolves when slirp4netns writes "1" to its ready descriptor; rejects when it exits, fails to start or takes too long. */
function waitReady(slirp: ReturnType<typeof spawn>, ready: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`had not brought up tap0 after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const settle = (error?: Error): void => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    ready.once('data', (chunk: Buffer) =>
      settle(String(chunk).startsWith('1') ? undefined : new Error(`wrote ${JSON.stringify(String(chunk))} when ready`)),
    );
    slirp.once('error', (error) => settle(new Error(`could not start: ${error.message}`)));
    slirp.once('exit', (code, signal) => settle(new Error(`exited (${signal ?? `code ${code}`})`)));
  });
}
