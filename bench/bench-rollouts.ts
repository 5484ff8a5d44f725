// Times `tracker ingest codex-rollout` over generated rollouts (first run, then a re-run with nothing new).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureNode, type ChildMeasure } from './measure-child.js';

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));

export interface RolloutBench {
  files: number;
  bytes: number;
  tokenCounts: number;
  first: ChildMeasure;
  rerun: ChildMeasure;
}

/** Rollouts shaped like Codex's: large message lines, with a token_count event after every few of them. */
export function generateRollouts(codexHome: string, files: number, bytesPerFile: number): { bytes: number; tokenCounts: number } {
  const text = 'x'.repeat(3_000);
  let bytes = 0;
  let tokenCounts = 0;
  for (let f = 0; f < files; f += 1) {
    const day = String((f % 28) + 1).padStart(2, '0');
    const dir = join(codexHome, 'sessions', '2025', '11', day);
    mkdirSync(dir, { recursive: true });
    const id = `019a0000-0000-7000-8000-${String(f).padStart(12, '0')}`;
    const lines = [JSON.stringify({ timestamp: '2025-11-01T00:00:00.000Z', type: 'session_meta', payload: { id } })];
    let size = 0;
    for (let i = 0; size < bytesPerFile; i += 1) {
      const at = new Date(Date.UTC(2025, 10, Number(day), 8, 0, i)).toISOString();
      // A turn as the real Codex 0.169.0 writes it: its turn_context (the model), messages, then its token count.
      const line =
        i % 5 === 0
          ? JSON.stringify({
              timestamp: at,
              type: 'turn_context',
              payload: {
                turn_id: `${id}-${i}`,
                cwd: '/home/user/repo',
                approval_policy: 'never',
                model: 'gpt-5-codex',
                effort: 'medium',
                summary: 'auto',
              },
            })
          : i % 5 === 4
            ? JSON.stringify({
                timestamp: at,
                type: 'event_msg',
                payload: {
                  type: 'token_count',
                  info: {
                    total_token_usage: {
                      input_tokens: i * 100,
                      cached_input_tokens: i * 10,
                      output_tokens: i * 5,
                      reasoning_output_tokens: 0,
                      total_tokens: i * 105,
                    },
                  },
                  rate_limits: {
                    primary: { used_percent: i % 100, window_minutes: 300, resets_at: 1_763_483_205 },
                    secondary: { used_percent: 40, window_minutes: 10080, resets_at: 1_763_606_387 },
                  },
                },
              })
            : JSON.stringify({
                timestamp: at,
                type: 'response_item',
                payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] },
              });
      if (i % 5 === 4) tokenCounts += 1;
      lines.push(line);
      size += line.length + 1;
    }
    const content = `${lines.join('\n')}\n`;
    writeFileSync(join(dir, `rollout-2025-11-${day}T08-00-00-${id}.jsonl`), content);
    bytes += content.length;
  }
  return { bytes, tokenCounts };
}

export async function benchRollouts(workDir: string, files: number, bytesPerFile: number): Promise<RolloutBench> {
  const codexHome = join(workDir, 'codex-home');
  const dataDir = join(workDir, 'data');
  const { bytes, tokenCounts } = generateRollouts(codexHome, files, bytesPerFile);
  const args = ['ingest', 'codex-rollout', '--codex-home', codexHome, '--data-dir', dataDir, '--json'];
  const first = await measureNode(trackerPath, args, workDir);
  const rerun = await measureNode(trackerPath, args, workDir);
  return { files, bytes, tokenCounts, first, rerun };
}
