// The mounts an import's runs add to a sandbox: shared writable caches, a set-up bound read-only, writable scratch in it.
import { describe, expect, it } from 'vitest';
import { buildBwrapArgv } from './build-bwrap-args.js';
import { buildPodmanArgv, type PodmanEngine } from './build-podman-args.js';
import { SAMPLE_SPEC } from './test-fixtures/sandbox-fixtures.js';

const extras = {
  shared: ['/tmp/caches/go-build'],
  readOnly: [{ source: '/tmp/caches/setups/0/node_modules', target: '/tmp/arm/work/node_modules' }],
  scratch: ['/tmp/arm/work/node_modules/.cache'],
};

describe('mounts shared by the sandboxes of one import', () => {
  it('bwrap: after the arm folder, the caches read-write, the set-up read-only, then the scratch over it', () => {
    const line = buildBwrapArgv({ ...SAMPLE_SPEC, ...extras }).args.join(' ');
    expect(line).toContain(
      '--bind /tmp/arm /tmp/arm --bind /tmp/caches/go-build /tmp/caches/go-build --ro-bind /tmp/caches/setups/0/node_modules /tmp/arm/work/node_modules --tmpfs /tmp/arm/work/node_modules/.cache --chdir',
    );
  });

  it('podman: the caches as rw volumes, the set-up as a ro volume at its target, the scratch a tmpfs anyone may write', () => {
    const engine: PodmanEngine = { globals: [], runFlags: [], label: 'runc' };
    const line = buildPodmanArgv({ ...SAMPLE_SPEC, ...extras, engine, name: 'n', envNames: [] }).args.join(' ');
    expect(line).toContain('--volume /tmp/caches/go-build:/tmp/caches/go-build:rw');
    expect(line).toContain('--volume /tmp/caches/setups/0/node_modules:/tmp/arm/work/node_modules:ro');
    expect(line).toMatch(/--tmpfs \/tmp\/arm\/work\/node_modules\/\.cache:[^ ]*mode=1777/);
    expect(line.indexOf('/tmp/arm:/tmp/arm:rw')).toBeLessThan(line.indexOf('node_modules:ro'));
  });
});
