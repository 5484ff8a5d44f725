// The built-in provider profiles (the simulated ones and the real CLIs'), and the default run's providers.
import type { ProviderProfile } from './provider-profile-schema.js';

/** The built-in profiles. The two `sim-*` ones are simulated: a scripted agent against the scripted model server. */
export const BUILTIN_PROFILES: Record<string, ProviderProfile> = {
  'sim-steady': {
    driver: 'scripted',
    model: 'scripted-steady',
    upstream: 'scripted',
    pass_env: [],
    description: 'simulated provider: solves every task, spends more tokens',
  },
  'sim-thrifty': {
    driver: 'scripted',
    model: 'scripted-thrifty',
    upstream: 'scripted',
    pass_env: [],
    description: 'simulated provider: about half the tokens, solves about 60% of tasks',
  },
  // The two ends a task must score: doing nothing 0, the reference solution 1 (`experiment tasks verify` checks both).
  'sim-noop': {
    driver: 'scripted',
    model: 'scripted-noop',
    upstream: 'scripted',
    pass_env: [],
    description: 'simulated null agent: answers, edits nothing (a task must score it 0)',
  },
  'sim-oracle': {
    driver: 'scripted',
    model: 'scripted-oracle',
    upstream: 'scripted',
    pass_env: [],
    description: "simulated oracle: writes the task's reference solution (a task must score it 1)",
  },
  // The default run's four providers mirror the question: Claude-like (bars in response headers), Codex-like (bars only
  // from its account endpoint), GLM-like (bars only from its quota endpoint) and Claude with its haiku tier on GLM.
  'sim-claude': {
    driver: 'scripted',
    model: 'scripted-claude',
    upstream: 'scripted',
    plan: 'sim-max',
    subagent_requests: true,
    task_budget_usd: 0.32,
    pass_env: [],
    description: 'simulated Claude-like subscription ($200 plan): bars in response headers, solves every task',
  },
  'sim-codex': {
    driver: 'scripted',
    model: 'scripted-codex',
    upstream: 'scripted',
    quota: 'codex',
    plan: 'sim-pro',
    task_budget_usd: 0.11,
    pass_env: [],
    description: 'simulated Codex-like subscription ($100 plan): bars only from its account endpoint (whole percents)',
  },
  'sim-glm': {
    driver: 'scripted',
    model: 'scripted-glm',
    upstream: 'scripted',
    quota: 'glm',
    plan: 'sim-lite',
    task_budget_usd: 0.05,
    pass_env: [],
    description: 'simulated GLM-like coding plan ($30 plan): bars only from its quota endpoint (exact counts)',
  },
  'sim-gemini': {
    driver: 'scripted',
    model: 'scripted-gemini',
    upstream: 'scripted',
    quota: 'gemini',
    plan: 'sim-daily',
    pass_env: [],
    description: "simulated Google AI-like plan ($20 plan): one daily bar, only from Code Assist's quota (retrieveUserQuota)",
  },
  'sim-claude-tiny': {
    driver: 'scripted',
    model: 'scripted-claude-tiny',
    upstream: 'scripted',
    quota: 'claude',
    plan: 'sim-max',
    pass_env: [],
    description:
      'simulated Claude-like subscription whose 5-hour window holds about one arm and refuses once spent: what a failover portfolio (sim-claude-tiny>sim-glm) is tried on',
  },
  'sim-claude+glm': {
    driver: 'scripted',
    model: 'scripted-claude-glm',
    upstream: 'scripted',
    plan: 'sim-max',
    subagent_requests: true,
    subagents: { model_alias: 'haiku', upstream: 'scripted', model: 'scripted-glm-air', provider: 'glm', quota: 'glm', plan: 'sim-lite' },
    task_budget_usd: 0.32,
    pass_env: [],
    description: 'simulated Claude-like subscription whose haiku-tier (sub-agent) requests the proxy sends to a GLM-like back end',
  },
  claude: {
    driver: 'claude',
    model: 'claude-sonnet-4-5',
    upstream: 'anthropic',
    quota: 'claude',
    pass_env: ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'],
    description: 'Claude Code (claude -p) through the proxy; capacity from its quota endpoint (OAuth login), else response headers',
  },
  codex: {
    driver: 'codex',
    model: 'gpt-5-codex',
    upstream: 'openai',
    // An API key is billed per token; the ChatGPT plan's bars (wham/usage) never move for it.
    billing: 'per-token',
    pass_env: ['OPENAI_API_KEY'],
    description: 'Codex CLI (codex exec) with an OpenAI API key (OPENAI_API_KEY) through the proxy',
  },
  'codex-chatgpt': {
    driver: 'codex',
    model: 'gpt-5-codex',
    upstream: 'chatgpt',
    login: 'chatgpt',
    quota: 'codex',
    pass_env: [],
    description:
      'Codex CLI signed in with ChatGPT (Plus/Pro plan): the proxy sends your login from ~/.codex/auth.json to chatgpt.com; capacity from its quota endpoint',
  },
  'gemini-google': {
    driver: 'gemini',
    model: 'gemini-2.5-pro',
    upstream: 'code-assist',
    login: 'google',
    quota: 'gemini',
    plan: 'google-ai-pro',
    pass_env: ['GOOGLE_CLOUD_PROJECT'],
    description:
      'Gemini CLI signed in with Google (a Google AI plan): the proxy sends your login from ~/.gemini/oauth_creds.json to Code Assist; capacity from its daily quota',
  },
  gemini: {
    driver: 'gemini',
    model: 'gemini-2.5-pro',
    upstream: 'gemini',
    // An API key is billed per token (a Google AI plan is `gemini-google`).
    billing: 'per-token',
    pass_env: ['GEMINI_API_KEY'],
    description: 'Gemini CLI (gemini -p, stream-json) with a Gemini API key (GEMINI_API_KEY) through the proxy',
  },
  glm: {
    driver: 'claude',
    model: 'glm-4.6',
    upstream: 'glm',
    quota: 'glm',
    pass_env: [],
    description: 'Claude Code against the GLM Coding Plan (Z.ai, key from ZAI_API_KEY); capacity from its quota endpoint',
  },
  'claude+glm': {
    driver: 'claude',
    model: 'claude-sonnet-4-5',
    upstream: 'anthropic',
    quota: 'claude',
    subagents: { model_alias: 'haiku', upstream: 'glm', model: 'glm-4.5-air', provider: 'glm', quota: 'glm' },
    pass_env: ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'],
    description: 'Claude Code whose haiku-tier (sub-agent) requests the proxy routes to GLM',
  },
};

/** The providers of the default run: all simulated, so it needs no API key. */
export const DEFAULT_PROVIDERS = ['sim-claude', 'sim-codex', 'sim-glm', 'sim-claude+glm'];
