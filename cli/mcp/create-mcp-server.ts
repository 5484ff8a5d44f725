// `tracker mcp`'s server: four read-only tools over one data dir, through the official MCP TypeScript SDK (docs/mcp.md).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { TOOL_VERSION } from '../../kernel/index.js';
import { answerBars, answerPlans, BarsArgs, PlansArgs } from './answer-plans.js';
import { answerUsage, UsageArgs } from './answer-usage.js';
import { answerVerdict, VerdictArgs } from './answer-verdict.js';
import { sendRefusal, type ToolAnswer } from './bound-answer.js';

/** Every tool only reads the ledger: nothing is written, nothing outside the machine is asked, the same call gives the same answer. */
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
/** Arguments past this many values (arrays and objects counted through) are refused before a tool sees them. */
const MAX_INPUT_ELEMENTS = 100;

export function createMcpServer(dataDir: string, now: () => Date = () => new Date()): McpServer {
  const server = new McpServer({ name: 'agent-tracker', version: TOOL_VERSION }, { maxToolInputElements: MAX_INPUT_ELEMENTS });
  server.registerTool(
    'usage',
    {
      title: 'Token usage',
      description:
        "Tokens and dollars from the tracker's ledger, each token counted once, by day, ISO week, month, agent session, project, sub-agent or account (provider@acct-… where a provider has two logins): the rows `tracker usage --json` gives, at most `limit` of them with `truncated` when cut.",
      inputSchema: UsageArgs,
      annotations: READ_ONLY,
    },
    async (args) => guard(() => answerUsage(dataDir, args)),
  );
  server.registerTool(
    'bars',
    {
      title: 'Bars and headroom',
      description:
        "Each account's subscription bars now (5-hour, weekly: % used, when they reset) and its headroom: how many more tasks like its recent ones fit before each bar binds, with an interval, as `tracker plans` and the status line reckon it.",
      inputSchema: BarsArgs,
      annotations: READ_ONLY,
    },
    async (args) => guard(() => answerBars(dataDir, args, now().getTime())),
  );
  server.registerTool(
    'plans',
    {
      title: 'Which plans to hold',
      description:
        'The advice of `tracker plans`: each portfolio of plans replayed against the recorded use (dollars a month, limit hits, hours waited, tokens served), the cheapest that would have served it without a hit, and the notes; summarized and bounded.',
      inputSchema: PlansArgs,
      annotations: READ_ONLY,
    },
    async (args) => guard(() => answerPlans(dataDir, args, now().getTime())),
  );
  server.registerTool(
    'experiment_verdict',
    {
      title: "An experiment's verdict",
      description:
        "The verdict of `experiment report` for a recorded plan (default: the plan with the most windows): the opening paragraph, the seat decision, the provider ahead on correct work per dollar with each pair's ratio, gates G1-G3; nothing is written.",
      inputSchema: VerdictArgs,
      annotations: READ_ONLY,
    },
    async (args) => guard(() => answerVerdict(dataDir, args, now())),
  );
  return server;
}

/** A refusal (AppError) is a tool error with the CLI's line; anything else is a defect, which the SDK reports as one. */
function guard(answer: () => ToolAnswer): ToolAnswer {
  try {
    return answer();
  } catch (error) {
    return sendRefusal(error);
  }
}
