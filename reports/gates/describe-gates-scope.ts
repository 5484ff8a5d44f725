// What the seat gates read, said wherever they are shown: their own intervals, and the plan's decision's power.

/**
 * The gates name no provider ahead (the verdict does, by the plan's exact sequence): G1 asks whether the measurement is
 * precise and powered, G2 whether the backlog presses, G3 whether the sub-agent trial met its targets. G1's interval is
 * its own (the delta method on the tasks run); its power is the plan's decision's, simulated on those tasks with the
 * runaways they may not show yet (ratio-power-model.ts). G3's cost reduction is a point figure on the tasks run.
 */
export const GATES_SCOPE_NOTE =
  "The gates' intervals are their own (the delta method on the tasks run) and G1's power is the plan's decision's: they ask whether the measurement is precise and powered, whether the backlog presses and whether the sub-agent trial met its targets, not which provider is ahead (the verdict's question, decided by the exact sequence). A runaway not yet seen would still overstate G3's cost reduction, read on the tasks run.";
