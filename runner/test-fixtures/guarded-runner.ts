// Test fixture: a stand-in runner that starts a detached process group, tracks it, prints its pids and waits to be killed.
import { spawn } from 'node:child_process';
import { trackProcessGroup } from '../process-groups.js';

const child = spawn('/bin/sh', ['-c', 'sleep 60 &\necho $!\nwait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
child.stdout.once('data', (data: Buffer) => {
  trackProcessGroup(child.pid as number);
  process.stdout.write(`${child.pid} ${String(data).trim()}\n`);
});
setInterval(() => undefined, 60_000);
