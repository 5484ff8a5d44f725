// Claude Code's statusLine JSON (a sub-face of sources/): parsed on every prompt, without zod or the other parsers.
export { parseClaudeStatusline, type StatuslineInput } from './claude-statusline.js';
