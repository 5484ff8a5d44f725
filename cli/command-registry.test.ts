// The bins find the command word past the global options: the list of options that take a value must match global-options.ts.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_COMMANDS, findCommandIndex, TRACKER_COMMANDS } from './command-registry.js';
import { addGlobalOptions } from './global-options.js';

describe('findCommandIndex', () => {
  const options = addGlobalOptions(new Command('x')).options.filter((option) => option.long !== undefined);

  it('skips every global option, with its value when it takes one, as global-options.ts defines them', () => {
    expect(options.length).toBeGreaterThan(2);
    for (const option of options) {
      const takesValue = option.required || option.optional;
      expect(findCommandIndex([option.long as string, ...(takesValue ? ['value'] : []), 'snapshot']), option.long).toBe(takesValue ? 2 : 1);
    }
    expect(findCommandIndex(['snapshot', '--data-dir', 'd'])).toBe(0);
  });

  it('loads each registered command under its own name', async () => {
    for (const registry of [TRACKER_COMMANDS, EXPERIMENT_COMMANDS])
      for (const [name, load] of registry) expect((await load()).name()).toBe(name);
  });
});
