// `tracker model-server`: runs the scripted model server (offline Anthropic Messages + OpenAI Responses) until stopped.
import { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import {
  BUILTIN_SCRIPT_NAMES,
  readQuotaState,
  resolveScript,
  resolveTasksDir,
  SOLVER_PROFILES,
  startScriptedServer,
  writeQuotaState,
  type QuotaState,
} from '../../model-server/index.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { parsePort, waitForStopSignal } from './serve-until-signal.js';

export function createModelServerCommand(): Command {
  return new Command('model-server')
    .description('serve a scripted, offline stand-in for the Anthropic Messages and OpenAI Responses APIs')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <host>', 'address to listen on; a non-loopback one needs --auth-token', '127.0.0.1')
    .option(
      '--auth-token <token>',
      'require clients to send it as x-tracker-auth, x-api-key or a Bearer token (default: $TRACKER_MODEL_SERVER_AUTH_TOKEN)',
    )
    .option('--script <name|file>', `built-in script (${BUILTIN_SCRIPT_NAMES.join(', ')}) or a script JSON file`, 'hello')
    .option(
      '--solve <dir>',
      'answer every model request with the task-aware solver over this task bank (DIR/<id>/solution); the script still answers /v1/models and count_tokens',
    )
    .option(
      '--quota-state <file>',
      "with --solve: keep the accounts' bars (units charged, the periods' start) in this JSON file, read back at the next start; in memory by default",
    )
    .addHelpText(
      'after',
      `
Prints "scripted model server listening on URL" (with --json: {"url", "port", "script"}, plus "solve" with --solve) once ready, one line per request on
stderr, and stops on Ctrl-C or SIGTERM. Point a client at it, e.g.:
  ANTHROPIC_BASE_URL=URL claude -p "say hello"
  codex exec -c 'model_providers.scripted={name="scripted",base_url="URL/v1",wire_api="responses"}' -c model_provider=scripted "say hello"

With --solve DIR, a prompt holding a line "Task id: <id>" gets the task's reference solution written one file per
request (Claude Code Write, Codex exec_command), then "Implemented <id>: wrote N files.". Models ${Object.keys(SOLVER_PROFILES).join(', ')}
behave by profile (scripted-thrifty solves only some tasks, deterministically); any other model solves every task.
Usage is fixed by the request and answer sizes, and the rate-limit bars fill per account (each scripted-* model,
else anthropic / openai). scripted-codex and scripted-glm send no rate-limit headers: read any account's bars from
GET /api/oauth/usage, /backend-api/wham/usage or /api/monitor/usage/quota/limit with the account as the credential.`,
    )
    .action(async function (
      this: Command,
      flags: { port: string; host: string; script: string; solve?: string; authToken?: string; quotaState?: string },
    ) {
      const ctx = resolveContext(this);
      const port = parsePort(flags.port, '--port');
      const script = resolveScript(flags.script);
      const tasksDir = flags.solve === undefined ? null : resolveTasksDir(flags.solve, '--solve');
      if (flags.quotaState !== undefined && tasksDir === null)
        throw new AppError('BAD_USAGE', 'only with --solve: without the solver no account is ever charged', { where: '--quota-state' });
      const quota = flags.quotaState === undefined ? undefined : keepQuota(flags.quotaState);
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      const server = await startScriptedServer({
        script,
        port,
        host: flags.host,
        log,
        ...(flags.authToken !== undefined ? { authToken: flags.authToken } : {}),
        ...(tasksDir ? { solver: { tasksDir } } : {}),
        ...(quota ? { quota } : {}),
      });
      const kept = quota ? `, bars kept in ${quota.file}` : '';
      const listening = tasksDir
        ? `scripted model server listening on ${server.url} (solving tasks in ${tasksDir}${kept})\n`
        : `scripted model server listening on ${server.url}\n`;
      // Listening before the URL is printed: a client that stops it on reading the URL must not meet the default SIGTERM.
      const stopping = waitForStopSignal();
      printResult(
        ctx.json,
        {
          url: server.url,
          port: server.port,
          script: script.name ?? flags.script,
          ...(tasksDir ? { solve: tasksDir } : {}),
          ...(quota ? { quota_state: quota.file } : {}),
        },
        () => listening,
      );
      const signal = await stopping;
      process.stderr.write(`${signal}: stopping after ${server.received} request(s)\n`);
      await server.close();
    });
}

/**
 * The state to start from, written at once when new so the periods' start holds from now on. A standalone server has
 * no ledger to settle charges against, so each is settled as it is made (no journal); each is written before its answer.
 */
function keepQuota(file: string): { file: string; state: QuotaState } {
  const { state, found } = readQuotaState(file, Date.now());
  if (!found) writeQuotaState(file, state);
  return { file, state };
}
