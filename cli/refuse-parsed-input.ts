// An input a parser refused: kept under rejects/ with its reason, then one line naming what was wrong and where it is kept.
import { AppError } from '../kernel/index.js';
import { keepReject } from '../ledger/index.js';
import { formatIssues, type ParseIssue } from '../sources/index.js';
import type { CommandContext } from './global-options.js';

export function refuseParsedInput(
  ctx: CommandContext,
  command: string,
  issues: ParseIssue[],
  input: { bytes: Buffer; name: string },
): never {
  const error = new AppError('BAD_INPUT', formatIssues(issues, input.name));
  const kept = keepReject(ctx.dataDir, { command, reason: error.toLine(), agentId: ctx.agentId, input: input.bytes });
  throw new AppError('BAD_INPUT', `${error.message} (input kept at ${kept})`, { where: error.where });
}
