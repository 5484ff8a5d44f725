// The sub-agent tier a model name implies, as the proxy and the agents' own OpenTelemetry rows both label it.

/** Claude Code sends its sub-agent and background work to the haiku tier: label it so GLM routing can be compared. */
export function inferSubagent(model: string | null): string | null {
  return model?.toLowerCase().includes('haiku') ? 'haiku' : null;
}
