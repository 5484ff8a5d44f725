// Carries out one tool call (Write, Read, Edit) inside the working directory and answers it with a tool_result block.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as z from 'zod';
import { isAppError } from '../../../kernel/index.js';
import { AGENT_TOOL_NAMES } from './agent-tools.js';
import { resolveInsideCwd } from './resolve-inside-cwd.js';

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string;
  is_error?: true;
}

/** Longest file content Read returns; the rest is cut with a note. */
const READ_LIMIT = 256 * 1024;

const str = (what: string) => z.string({ error: `expected ${what}, a string` });
const WriteInput = z.object({ file_path: str('file_path'), content: str('content') });
const ReadInput = z.object({ file_path: str('file_path') });
const EditInput = z.object({
  file_path: str('file_path'),
  old_string: str('old_string').min(1, { error: 'expected a non-empty old_string' }),
  new_string: str('new_string'),
});

/** Never throws: a refused or failed call is a tool_result with is_error, so the model can read why. */
export async function applyToolCall(cwd: string, call: ToolCall): Promise<ToolResultBlock> {
  try {
    return { type: 'tool_result', tool_use_id: call.id, content: await runTool(cwd, call) };
  } catch (error) {
    return { type: 'tool_result', tool_use_id: call.id, content: describeFailure(error), is_error: true };
  }
}

async function runTool(cwd: string, call: ToolCall): Promise<string> {
  switch (call.name) {
    case 'Write': {
      const input = parseInput(WriteInput, call);
      const path = resolveInsideCwd(cwd, input.file_path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, input.content, 'utf8');
      return `File written successfully at: ${path}`;
    }
    case 'Read': {
      const input = parseInput(ReadInput, call);
      const content = await readFile(resolveInsideCwd(cwd, input.file_path), 'utf8');
      return content.length > READ_LIMIT
        ? `${content.slice(0, READ_LIMIT)}\n[cut: the file has ${content.length} characters, only the first ${READ_LIMIT} are shown]`
        : content;
    }
    case 'Edit': {
      const input = parseInput(EditInput, call);
      const path = resolveInsideCwd(cwd, input.file_path);
      const content = await readFile(path, 'utf8');
      const count = content.split(input.old_string).length - 1;
      if (count !== 1) throw new Error(`expected old_string to occur exactly once in ${input.file_path}, got ${count} occurrences`);
      await writeFile(
        path,
        content.replace(input.old_string, () => input.new_string),
        'utf8',
      );
      return `The file ${path} has been updated.`;
    }
    default:
      throw new Error(`expected one of the tools ${AGENT_TOOL_NAMES.join(', ')}, got ${JSON.stringify(call.name)}`);
  }
}

function parseInput<T>(schema: z.ZodType<T>, call: ToolCall): T {
  const parsed = schema.safeParse(call.input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${call.name}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid input'}`);
}

function describeFailure(error: unknown): string {
  if (isAppError(error)) return `Error: ${error.toLine()}`;
  return `Error: ${error instanceof Error ? error.message : String(error)}`;
}
