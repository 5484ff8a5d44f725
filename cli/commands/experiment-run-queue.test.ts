import { describe, expect, it } from 'vitest';
import { createRunCommand } from './experiment-run.js';
import { buildQueuedSettings, LOCAL_FLAGS, QUEUED_FILE_FLAGS } from './experiment-run-queue.js';
import type { RunFlags } from './experiment-run-setup.js';

/** An option that takes a value naming a file or folder: by its placeholder (`<file>`, `<dir>`) or its help text. */
function takesPath(option: { flags: string; description: string; required: boolean; optional: boolean }): boolean {
  if (!option.required && !option.optional) return false;
  return /<[^>]*(file|dir|folder|path)[^>]*>/i.test(option.flags) || /\b(file|folder|directory)\b/i.test(option.description);
}

describe('experiment run --queue', () => {
  // --prices and --budget-config were queued as typed. Every flag that names a file is walked here,
  // so a file flag added later fails this test until it is queued absolute (or kept to the queuing machine).
  it('queues every option that names a file or folder as an absolute path, or not at all', () => {
    const options = createRunCommand().options.filter(takesPath);
    expect(options.map((option) => option.long)).toEqual(
      expect.arrayContaining(['--tasks', '--profiles', '--plans', '--sandbox-dir', '--budget-config', '--prices', '--npm-cache']),
    );
    for (const option of options) {
      const name = option.attributeName();
      const queuedAbsolute = QUEUED_FILE_FLAGS[name] === option.long;
      expect(queuedAbsolute || LOCAL_FLAGS.includes(name), `${option.flags}: neither queued as an absolute path nor local`).toBe(true);
    }
  });

  it('resolves each queued file flag against the folder it was typed in, and leaves absolute ones as they are', () => {
    const relative = Object.fromEntries(Object.keys(QUEUED_FILE_FLAGS).map((name) => [name, `hq/${name}.json`]));
    const settings = buildQueuedSettings({ seed: '42', ...relative } as unknown as RunFlags, '/home/lee/team');
    for (const name of Object.keys(QUEUED_FILE_FLAGS)) expect(settings[name]).toBe(`/home/lee/team/hq/${name}.json`);
    expect(buildQueuedSettings({ seed: '42', prices: '/etc/team/prices.json' } as unknown as RunFlags, '/tmp').prices).toBe(
      '/etc/team/prices.json',
    );
  });

  it("keeps this command line's own flags out of the queue", () => {
    const settings = buildQueuedSettings({
      seed: '42',
      queue: true,
      dataDir: 'd',
      sandboxDir: 'boxes',
      isolation: 'none',
    } as unknown as RunFlags);
    expect(settings).toEqual({ seed: '42' });
  });
});
