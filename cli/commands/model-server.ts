// `tracker model-server`: runs the scripted model server (offline Anthropic Messages + OpenAI Responses) until stopped.
import { Command } from 'commander';
import { BUILTIN_SCRIPT_NAMES, resolveScript, startScriptedServer } from '../../proxy/scripted-server/index.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { parsePort, waitForStopSignal } from './serve-until-signal.js';

export function createModelServerCommand(): Command {
  return new Command('model-server')
    .description('serve a scripted, offline stand-in for the Anthropic Messages and OpenAI Responses APIs')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '0')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--script <name|file>', `built-in script (${BUILTIN_SCRIPT_NAMES.join(', ')}) or a script JSON file`, 'hello')
    .addHelpText(
      'after',
      `
Prints "scripted model server listening on URL" (with --json: {"url", "port", "script"}) once ready, one line per request on
stderr, and stops on Ctrl-C or SIGTERM. Point a client at it, e.g.:
  ANTHROPIC_BASE_URL=URL claude -p "say hello"
  codex exec -c 'model_providers.scripted={name="scripted",base_url="URL/v1",wire_api="responses"}' -c model_provider=scripted "say hello"`,
    )
    .action(async function (this: Command, flags: { port: string; host: string; script: string }) {
      const ctx = resolveContext(this);
      const port = parsePort(flags.port, '--port');
      const script = resolveScript(flags.script);
      const server = await startScriptedServer({ script, port, host: flags.host, log: (line) => process.stderr.write(`${line}\n`) });
      printResult(ctx.json, { url: server.url, port: server.port, script: script.name ?? flags.script }, () => `scripted model server listening on ${server.url}\n`);
      const signal = await waitForStopSignal();
      process.stderr.write(`${signal}: stopping after ${server.received} request(s)\n`);
      await server.close();
    });
}
