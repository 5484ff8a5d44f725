// Seeded order of the candidates, the kinds taken in turn, and the site ledger that keeps two tasks off one site.
import { describe, expect, it } from 'vitest';
import { describeSite, MUTATION_KINDS, type Mutation, type MutationKind } from './mutation.js';
import { orderCandidates, SiteLedger } from './pick-candidates.js';

function mutation(kind: MutationKind, start: number, end: number, path = 'a.py'): Mutation {
  return { kind, start, end, replacement: 'x', path, line: 1, column: start + 1 };
}

const MUTATIONS: Mutation[] = Array.from({ length: 40 }, (_, i) =>
  mutation(MUTATION_KINDS[i % MUTATION_KINDS.length] as MutationKind, i * 10, i * 10 + 5, i % 2 === 0 ? 'a.py' : 'b.py'),
);
const ids = (list: Mutation[]) => list.map((m) => `${m.path}:${m.start}:${m.kind}`);

describe('orderCandidates', () => {
  it('gives the same order for the same seed, whatever order the mutations were listed in', () => {
    const once = orderCandidates(MUTATIONS, '7');
    expect(ids(orderCandidates([...MUTATIONS].reverse(), '7'))).toEqual(ids(once));
    expect(once).toHaveLength(MUTATIONS.length);
    expect(new Set(ids(once)).size).toBe(MUTATIONS.length);
  });

  it('gives another order for another seed', () => {
    expect(ids(orderCandidates(MUTATIONS, '8'))).not.toEqual(ids(orderCandidates(MUTATIONS, '7')));
  });

  it('takes the kinds in turn, so the first five are one of each', () => {
    const kinds = orderCandidates(MUTATIONS, '7').map((m) => m.kind);
    expect(new Set(kinds.slice(0, 5)).size).toBe(5);
    expect(new Set(kinds.slice(5, 10)).size).toBe(5);
  });
});

describe('SiteLedger', () => {
  it('refuses a mutation at a kept site, or overlapping a kept edit in the same file, and accepts one beside it', () => {
    const ledger = new SiteLedger();
    const body = mutation('remove-body', 100, 200);
    expect(ledger.findClash(body)).toBeUndefined();
    ledger.take(body);
    expect(ledger.findClash(mutation('drop-statement', 120, 140))?.site).toBe(describeSite(body)); // inside the removed body
    expect(ledger.findClash(mutation('invert-condition', 100, 110))).toBeDefined(); // the same start: the same site
    expect(ledger.findClash(mutation('change-operator', 190, 210))).toBeDefined(); // overlapping its end
    expect(ledger.findClash(mutation('change-operator', 200, 210))).toBeUndefined(); // right after it
    expect(ledger.findClash(mutation('change-operator', 120, 140, 'b.py'))).toBeUndefined(); // another file
  });

  it("starts from the sites an earlier synthesis's tasks use", () => {
    const ledger = new SiteLedger([{ path: 'a.py', start: 10, end: 20, site: 'a.py:1:11' }]);
    expect(ledger.findClash(mutation('swap-arguments', 15, 30))?.site).toBe('a.py:1:11');
  });
});
