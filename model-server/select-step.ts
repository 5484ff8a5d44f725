// Picks the step a model request plays: by request order or by the tool rounds in its conversation.
import type { Script, Step } from './script-schema.js';

export interface SelectedStep {
  index: number;
  step: Step;
}

/**
 * `position` is 0-based: the model request's arrival order (step_by request) or its tool rounds (step_by tool_results).
 * Past the end, the last step repeats, or with `loop: true` the steps cycle.
 */
export function selectStep(script: Pick<Script, 'steps' | 'loop'>, position: number): SelectedStep {
  const total = script.steps.length;
  const index = position < total ? position : script.loop ? position % total : total - 1;
  const step = script.steps[index];
  if (step === undefined) throw new Error(`script has no step ${index}`);
  return { index, step };
}

/** Counts model requests for `step_by: request`; the counter is the server's, shared by all clients. */
export function createStepCounter(script: Pick<Script, 'step_by'>): (toolRounds: number) => number {
  let requests = 0;
  return (toolRounds) => {
    const position = script.step_by === 'tool_results' ? toolRounds : requests;
    requests += 1;
    return position;
  };
}
