// The scripted agent: a small built-in coding agent over the Anthropic Messages API (Write, Read, Edit inside cwd).
export { AgentConfigSchema, loadAgentConfig, parseAgentConfig, type AgentConfig, type AgentConfigInput } from './agent-config.js';
export { AGENT_TOOL_NAMES, AGENT_TOOLS, buildSystemPrompt } from './agent-tools.js';
export { applyToolCall, type ToolCall, type ToolResultBlock } from './apply-tool-call.js';
export { resolveInsideCwd } from './resolve-inside-cwd.js';
export { requestModelAnswer, RETRY_DELAYS_MS, RETRY_STATUSES, type TurnOutcome } from './request-model-answer.js';
export { runScriptedAgent, type AgentIo, type AgentRunResult } from './run-scripted-agent.js';
export type { TokenUsage } from './token-usage.js';
