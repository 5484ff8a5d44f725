// The decision line of seed 001 section 5: stay lean, or which one seat to add, and why.
import { SEED_SEATS } from '../../ledger/vocabulary/index.js';
import type { GateResult } from './gate-result.js';

export interface SeatDecision {
  decision: 'stay-lean' | 'add-seat';
  /** The seat to add: `glm` when the POC wins (G3), else the fallback (Claude Max by default). */
  seat: string | null;
  /** The seat as a person would name it (`GLM coding plan`, `Claude Max`); null when staying lean. */
  seat_name: string | null;
  /** One line, starting with "Decision:". */
  line: string;
}

const SEAT_NAMES: Record<string, string> = { glm: 'GLM coding plan', claude: 'Claude Max', codex: 'ChatGPT (Codex)' };

/**
 * Seed 001: expand only if G1 to G3 hold, then one seat, "GLM first if POC wins; otherwise Claude Max".
 * Read so that the "otherwise" can happen: G1 (trustworthy numbers) and G2 (backlog pressure) decide whether
 * to add a seat, G3 (the sub-agent POC) decides which: GLM when it passes, else `fallbackSeat`. Any gate not
 * passing (failed or not evaluable) among G1 and G2 means stay lean.
 */
export function decideSeat(
  gates: { g1: GateResult; g2: GateResult; g3: GateResult },
  options: { fallbackSeat?: string } = {},
): SeatDecision {
  const fallback = options.fallbackSeat ?? SEED_SEATS.fallback;
  const blocking = [gates.g1, gates.g2].filter((gate) => gate.status !== 'pass');
  if (blocking.length > 0) {
    const why = blocking
      .map(
        (gate) => `${gate.id} ${gate.status === 'fail' ? 'fails' : 'is not evaluable'} (${gate.summary.replace(/^not evaluable: /, '')})`,
      )
      .join('; ');
    return {
      decision: 'stay-lean',
      seat: null,
      seat_name: null,
      line: `Decision: stay lean. ${why}. Keep investing in automation and the task bank.`,
    };
  }
  const seat = gates.g3.status === 'pass' ? SEED_SEATS.routed : fallback;
  const name = SEAT_NAMES[seat] ?? seat;
  const pick =
    gates.g3.status === 'pass'
      ? `G3 passes (${gates.g3.summary}), so GLM first`
      : `G3 ${gates.g3.status === 'fail' ? 'fails' : 'is not evaluable'} (${gates.g3.summary.replace(/^not evaluable: /, '')}), so not GLM`;
  return {
    decision: 'add-seat',
    seat,
    seat_name: name,
    line: `Decision: add one seat: ${name}. G1 passes (${gates.g1.summary}); G2 passes (${gates.g2.summary}); ${pick}.`,
  };
}

/** Exit codes of `experiment report --gate`: a seat to add, stay lean, or not yet known. */
export const GATE_EXIT = { addSeat: 0, stayLean: 1, notEvaluable: 3 } as const;

/**
 * For CI: 0 when the decision is to add a seat; 1 when it is to stay lean because G1 or G2 fails; 3 when it
 * cannot be decided yet (G1 or G2 not evaluable and neither fails), so a pipeline can tell "no" from "not yet".
 */
export function decideGateExit(gates: { g1: GateResult; g2: GateResult }): number {
  const deciding = [gates.g1, gates.g2];
  if (deciding.some((gate) => gate.status === 'fail')) return GATE_EXIT.stayLean;
  if (deciding.some((gate) => gate.status !== 'pass')) return GATE_EXIT.notEvaluable;
  return GATE_EXIT.addSeat;
}
