import { describe, expect, it } from 'vitest';
import { decideSeat } from './decide-seat.js';
import type { GateResult, GateStatus } from './gate-result.js';

const gate = (id: 'G1' | 'G2' | 'G3', status: GateStatus): GateResult => ({
  id,
  title: id,
  status,
  summary: `${id} ${status}`,
  checks: [],
});

describe('decideSeat', () => {
  it('stays lean unless G1 and G2 pass, naming what blocks', () => {
    const decision = decideSeat({ g1: gate('G1', 'fail'), g2: gate('G2', 'not-evaluable'), g3: gate('G3', 'pass') });
    expect(decision).toMatchObject({ decision: 'stay-lean', seat: null });
    expect(decision.line).toMatch(/^Decision: stay lean\. G1 fails .*; G2 is not evaluable/);
  });

  it('adds GLM when the POC passes, else Claude Max', () => {
    expect(decideSeat({ g1: gate('G1', 'pass'), g2: gate('G2', 'pass'), g3: gate('G3', 'pass') })).toMatchObject({
      decision: 'add-seat',
      seat: 'glm',
      seat_name: 'GLM coding plan',
    });
    expect(decideSeat({ g1: gate('G1', 'pass'), g2: gate('G2', 'pass'), g3: gate('G3', 'fail') })).toMatchObject({
      decision: 'add-seat',
      seat: 'claude',
      seat_name: 'Claude Max',
    });
  });
});
