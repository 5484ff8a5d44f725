// Options every tracker command shares: where the data lives, which agent writes, JSON output.
import { Option, type Command } from 'commander';
// Faces, not the ledger's index: every command loads this file, and the index loads all of the ledger (0.2 s of start-up).
import type { RowSource } from '../ledger/schemas/index.js';
import { bindPostgresLedger, resolveDataDir, type StampContext } from '../ledger/store/index.js';
// The rules without their zod schemas: every command resolves these options, also those that never load zod.
import { AGENT_ID_PATTERN, AGENT_ID_RULE, ROW_SOURCES } from '../ledger/vocabulary/index.js';
import { AppError } from '../kernel/index.js';

export interface GlobalOptions {
  dataDir?: string;
  ledger?: string;
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
    .option('--ledger <url>', 'keep the ledger rows in PostgreSQL (default: $TRACKER_LEDGER_URL; docs/team.md)')
    .option('--agent <id>', 'agent writing the rows (default: $AGENT_ID, else main)')
    .option('--json', 'print machine-readable JSON')
    .addOption(new Option('--source <source>', 'kind of writer stamped on rows').choices(ROW_SOURCES).hideHelp());
}

/** Resolves the shared options of the command being run (flags win over environment variables). */
export function resolveContext(command: Command, env: NodeJS.ProcessEnv = process.env): CommandContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const agentId = options.agent ?? (env.AGENT_ID || 'main');
  if (!AGENT_ID_PATTERN.test(agentId)) {
    throw new AppError('BAD_USAGE', `agent id ${JSON.stringify(agentId)}: ${AGENT_ID_RULE}`, {
      where: options.agent ? '--agent' : 'AGENT_ID',
    });
  }
  const source = (options.source ?? env.TRACKER_SOURCE ?? 'manual') as RowSource;
  if (!ROW_SOURCES.includes(source)) {
    throw new AppError('BAD_USAGE', `expected one of ${ROW_SOURCES.join(', ')}, got ${JSON.stringify(source)}`, {
      where: 'TRACKER_SOURCE',
    });
  }
  const dataDir = resolveDataDir(options.dataDir, env);
  bindLedger(dataDir, options.ledger, env);
  return {
    dataDir,
    agentId,
    json: options.json === true,
    stamp: { agentId, source },
  };
}

/**
 * `--ledger` binds the data directory to a PostgreSQL ledger and is handed down as TRACKER_LEDGER_URL to this tool's
 * own child processes (a proxy the runner starts); agents never see it, their environments are built from scratch.
 */
function bindLedger(dataDir: string, flag: string | undefined, env: NodeJS.ProcessEnv): void {
  if (flag === undefined) return;
  bindPostgresLedger(dataDir, flag, '--ledger');
  env.TRACKER_LEDGER_URL = flag;
  if (new URL(flag).password) {
    process.stderr.write('note: a password in --ledger is visible to other users of this machine (ps); set TRACKER_LEDGER_URL instead\n');
  }
}
