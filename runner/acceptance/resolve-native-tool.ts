// Makes a native test tool runnable inside the sandbox: a rustup proxy (~/.cargo/bin/cargo) resolved to its toolchain.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { AppError } from '../../kernel/index.js';

export interface NativeTool {
  /** The program to start: the toolchain's own cargo, not the proxy. */
  file: string;
  /** Folders the sandbox must read (the toolchain). */
  expose: string[];
  /** Folders put first on the tests' PATH (cargo finds rustc there). */
  pathFirst: string[];
}

/**
 * For `cargo` on PATH that is rustup's proxy: the default toolchain's cargo, its folder for PATH and the toolchain to
 * expose. The sandbox hides HOME, where rustup keeps both, and passes no RUSTUP_HOME, so the proxy cannot run there.
 * Asked with RUSTUP_AUTO_INSTALL=0 from `/`: a repository's rust-toolchain file must not make rustup download anything.
 * null for any other program (go and python3 are on the system PATH) or a cargo that is not a proxy.
 */
export function resolveNativeTool(program: string, path: string | undefined): NativeTool | null {
  if (program !== 'cargo') return null;
  const found = (path ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, program))
    .find((file) => existsSync(file));
  const rustup = found === undefined ? undefined : realpathSync(found);
  if (rustup === undefined || basename(rustup) !== 'rustup') return null;
  let cargo: string;
  try {
    // By rustup's own name: started as `cargo` (the symlink), rustup would act as cargo.
    cargo = execFileSync(rustup, ['which', 'cargo'], {
      cwd: '/',
      encoding: 'utf8',
      env: { ...process.env, RUSTUP_AUTO_INSTALL: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    }).trim();
  } catch (error) {
    const detail = String((error as { stderr?: unknown }).stderr ?? (error as Error).message)
      .trim()
      .split('\n')[0];
    throw new AppError('NOT_FOUND', `expected rustup to name its default toolchain's cargo, got: ${detail}`, { where: rustup });
  }
  const bin = dirname(cargo);
  return { file: cargo, expose: [dirname(bin)], pathFirst: [bin] };
}
