// Writes a command's result: JSON for --json, text otherwise; notes go to stderr.

export function printResult(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text());
}

export function printNote(message: string): void {
  process.stderr.write(`note: ${message}\n`);
}
