// Fits a scripted tool call to the client: fills `{{cwd}}` and maps Codex's exec_command {cmd} to shell {command} and back.
import type { ToolCall } from './script-schema.js';

export interface AdaptContext {
  /** The client's working directory (from its prompt), else the server's. */
  cwd: string;
  /** Tools the request offers; empty when it offers none or the body had no `tools`. */
  toolNames: readonly string[];
}

export function adaptToolCall(call: ToolCall, context: AdaptContext): ToolCall {
  const input = fillTemplate(call.input, context.cwd) as Record<string, unknown>;
  const offers = (name: string): boolean => context.toolNames.includes(name);
  if (call.name === 'exec_command' && !offers('exec_command') && offers('shell')) {
    const { cmd, ...rest } = input;
    return { name: 'shell', input: { ...rest, command: ['bash', '-lc', String(cmd ?? '')] } };
  }
  if (call.name === 'shell' && !offers('shell') && offers('exec_command')) {
    const { command, ...rest } = input;
    return { name: 'exec_command', input: { ...rest, cmd: shellCommandText(command) } };
  }
  return { name: call.name, input };
}

/** ["bash","-lc","x"] -> "x"; other argv arrays are joined with spaces. */
function shellCommandText(command: unknown): string {
  if (!Array.isArray(command)) return String(command ?? '');
  const argv = command.map(String);
  if (argv.length === 3 && /(^|\/)(ba|z)?sh$/.test(argv[0] ?? '') && /^-l?c$/.test(argv[1] ?? '')) return argv[2] ?? '';
  return argv.join(' ');
}

function fillTemplate(value: unknown, cwd: string): unknown {
  if (typeof value === 'string') return value.replaceAll('{{cwd}}', cwd);
  if (Array.isArray(value)) return value.map((item) => fillTemplate(item, cwd));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillTemplate(item, cwd)]));
  }
  return value;
}
