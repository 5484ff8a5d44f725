// Why the seat gates read their intervals and power without the plan's tail guard, said wherever the gates are shown.

/**
 * The tail guard (ADR 0034) keeps the verdict from naming a provider ahead on a cost tail its sample has not met yet;
 * the gates name no provider ahead: G1 asks whether the measurement is precise and powered, G2 whether the backlog
 * presses, G3 whether the sub-agent trial met its targets. Guarded at 30x, G1's interval widens 9.7x at 10 tasks and
 * 3.2x at 40, and 80% power at 1.2x takes about 1,066 tasks against 332 unguarded (ADR 0034, `experiment plan` on
 * 5 tasks): nearly every experiment this tool runs would stay lean. What an unseen tail can still do to them is
 * said with them: G3's cost reduction is a point figure.
 */
export const UNGUARDED_GATES_NOTE =
  "The gates' intervals and power are read without the plan's tail guard: they ask whether the measurement is precise and powered, whether the backlog presses and whether the sub-agent trial met its targets, not which provider is ahead (the verdict's question, guarded). Guarded at 30x, G1's 80% power at 1.2x would take about 1,066 tasks (332 unguarded). A runaway not yet seen would still overstate G3's cost reduction, read on the tasks run.";
