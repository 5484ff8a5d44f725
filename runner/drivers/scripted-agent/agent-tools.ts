// The tools the scripted agent offers the model (Claude Code's Write, Read, Edit) and its system prompt.

export interface ToolDefinition {
  name: string;
  description: string;
  input_schema: {
    type: 'object';
    properties: Record<string, { type: 'string'; description: string }>;
    required: string[];
    additionalProperties: false;
  };
}

const filePath = { type: 'string', description: 'The absolute path of the file (it must be inside the working directory)' } as const;

export const AGENT_TOOLS: ToolDefinition[] = [
  {
    name: 'Write',
    description: 'Writes a file inside the working directory, creating parent folders; an existing file is replaced.',
    input_schema: {
      type: 'object',
      properties: { file_path: filePath, content: { type: 'string', description: 'The whole content of the file' } },
      required: ['file_path', 'content'],
      additionalProperties: false,
    },
  },
  {
    name: 'Read',
    description: 'Reads a text file inside the working directory.',
    input_schema: { type: 'object', properties: { file_path: filePath }, required: ['file_path'], additionalProperties: false },
  },
  {
    name: 'Edit',
    description: 'Replaces the one occurrence of old_string by new_string in a file inside the working directory.',
    input_schema: {
      type: 'object',
      properties: {
        file_path: filePath,
        old_string: { type: 'string', description: 'The exact text to replace; it must occur exactly once' },
        new_string: { type: 'string', description: 'The text to put in its place' },
      },
      required: ['file_path', 'old_string', 'new_string'],
      additionalProperties: false,
    },
  },
];

export const AGENT_TOOL_NAMES = AGENT_TOOLS.map((tool) => tool.name);

/** The system prompt; the `Primary working directory:` line is what the scripted server (and a model) reads the cwd from. */
export function buildSystemPrompt(cwd: string): string {
  return [
    'You are a small coding agent working in a git repository.',
    'Use the Write, Read and Edit tools to change files; paths must be absolute and inside the working directory.',
    'When the task is done, answer with a short summary and no tool call.',
    '',
    `Primary working directory: ${cwd}`,
  ].join('\n');
}
