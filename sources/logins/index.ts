// The logins face of sources/ (a sub-face): which account an agent CLI's own login is, read from its files, for the per-prompt path.
export { type ClaudeLogin, readClaudeAccount, readConfigDirAccount, readConfigDirLogin } from './read-claude-account.js';
export { type LoginPlan, readLoginPlans } from './read-login-plans.js';
