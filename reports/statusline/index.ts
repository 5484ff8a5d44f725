// The status line's text (a sub-face of reports/): rendered on every Claude Code prompt, so it loads nothing else.
export { renderStatusline } from './render-statusline.js';
export { describeFailover } from './describe-failover.js';
