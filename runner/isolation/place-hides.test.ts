// Where a root runner's bwrap mounts each hide: moved up to a closed folder, left out where reachThrough covers it.
import { describe, expect, it } from 'vitest';
import { placeHides } from './place-hides.js';

const closedSet =
  (...dirs: string[]) =>
  (dir: string) =>
    dirs.includes(dir);

describe('placeHides', () => {
  it('moves a data dir below a folder closed to the uid up onto that folder (its parent is searchable)', () => {
    const placed = placeHides(
      { hide: ['/root'], expose: [], hideAlways: ['/srv/data', '/var/tmp/tmp.x/old/data', '/var/tmp/tmp.x/copy/data'] },
      { pairs: [], isClosed: closedSet('/root', '/var/tmp/tmp.x', '/var/tmp/tmp.x/old') },
    );
    expect(placed).toEqual({ hide: ['/root'], hideAlways: ['/srv/data', '/var/tmp/tmp.x'] });
  });

  it('leaves out a hide that reachThrough covers already, keeps one on the way to a target or inside it', () => {
    const view = {
      pairs: [{ closed: '/var/tmp/c', target: '/var/tmp/c/boxes/arm' }],
      isClosed: closedSet('/var/tmp/c', '/var/tmp/c/boxes/arm/work/shut'),
    };
    const placed = placeHides(
      {
        hide: [],
        expose: [],
        hideAlways: ['/var/tmp/c/data', '/var/tmp/c/boxes/arm/work/data', '/var/tmp/c/boxes/arm/work/shut/data', '/var/tmp/c/boxes'],
      },
      view,
    );
    expect(placed.hideAlways).toEqual(['/var/tmp/c/boxes/arm/work/data', '/var/tmp/c/boxes/arm/work/shut', '/var/tmp/c/boxes']);
    // After a hide higher up, one below it is already empty.
    expect(placeHides({ hide: [], expose: [], hideAlways: ['/var/tmp/c/boxes', '/var/tmp/c/boxes/arm/data'] }, view).hideAlways).toEqual([
      '/var/tmp/c/boxes',
    ]);
  });

  it('leaves out a data dir inside a hidden folder (an empty tmpfs already), and judges exposures by host modes', () => {
    const placed = placeHides(
      { hide: ['/root', '/tmp/x'], expose: ['/root/pkg'], hideAlways: ['/root/a/b/data', '/root/pkg/data', '/root/pkg/shut/data'] },
      { pairs: [{ closed: '/root', target: '/root/pkg' }], isClosed: closedSet('/root', '/root/a', '/root/pkg/shut') },
    );
    expect(placed).toEqual({ hide: ['/root'], hideAlways: ['/root/pkg/data', '/root/pkg/shut'] });
  });

  it('an exposure hidden again is hidden; one covered by a later hide higher up is empty tmpfs', () => {
    const view = { pairs: [], isClosed: closedSet('/srv/e/shut') };
    expect(placeHides({ hide: [], expose: ['/srv/e'], hideAlways: ['/srv/e', '/srv/e/shut/data'] }, view).hideAlways).toEqual(['/srv/e']);
    expect(placeHides({ hide: [], expose: ['/srv/e'], hideAlways: ['/srv/e/shut/data', '/srv'] }, view).hideAlways).toEqual([
      '/srv/e/shut',
      '/srv',
    ]);
  });
});
