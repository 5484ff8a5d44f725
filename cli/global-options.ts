// Options every tracker command shares: where the data lives, which agent writes, JSON output.
import { Option, type Command } from 'commander';
import { AgentIdSchema, resolveDataDir, ROW_SOURCES, type RowSource, type StampContext } from '../ledger/index.js';
import { AppError } from '../kernel/index.js';

export interface GlobalOptions {
  dataDir?: string;
  agent?: string;
  source?: string;
  json?: boolean;
}

export interface CommandContext {
  dataDir: string;
  agentId: string;
  json: boolean;
  stamp: StampContext;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--data-dir <dir>', 'ledger directory (default: $TRACKER_DATA_DIR, else ./tracker-data)')
    .option('--agent <id>', 'agent writing the rows (default: $AGENT_ID, else main)')
    .option('--json', 'print machine-readable JSON')
    .addOption(new Option('--source <source>', 'kind of writer stamped on rows').choices(ROW_SOURCES).hideHelp());
}

/** Resolves the shared options of the command being run (flags win over environment variables). */
export function resolveContext(command: Command, env: NodeJS.ProcessEnv = process.env): CommandContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const agentId = options.agent ?? (env.AGENT_ID || 'main');
  const parsed = AgentIdSchema.safeParse(agentId);
  if (!parsed.success) {
    throw new AppError('BAD_USAGE', `agent id ${JSON.stringify(agentId)}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, {
      where: options.agent ? '--agent' : 'AGENT_ID',
    });
  }
  const source = (options.source ?? env.TRACKER_SOURCE ?? 'manual') as RowSource;
  if (!ROW_SOURCES.includes(source)) {
    throw new AppError('BAD_USAGE', `expected one of ${ROW_SOURCES.join(', ')}, got ${JSON.stringify(source)}`, {
      where: 'TRACKER_SOURCE',
    });
  }
  return {
    dataDir: resolveDataDir(options.dataDir, env),
    agentId,
    json: options.json === true,
    stamp: { agentId, source },
  };
}
