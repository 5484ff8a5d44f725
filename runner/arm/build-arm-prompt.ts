// The prompt an agent gets for one arm: what to do, the task id line the scripted model keys on, and the spec.

/** The same words for every provider: only the task's spec differs between arms. */
export function buildArmPrompt(taskId: string, title: string, spec: string): string {
  return [
    `Task id: ${taskId}`,
    `Title: ${title}`,
    '',
    'Implement the feature specified below in the repository in your current working directory.',
    'Change only the files the spec names; do not add tests (hidden acceptance tests are run after you finish).',
    'Work without asking questions. When you are done, reply with one line saying what you changed.',
    '',
    '--- spec ---',
    spec.trimEnd(),
    '',
  ].join('\n');
}
