// Test fixture: a stand-in runner that starts a detached process group, tracks it, prints its pids and waits to be killed.
// An argument is a file the group's cleanup command creates (`touch FILE`), as podman's `rm -f` would run.
import { spawn } from 'node:child_process';
import { trackProcessGroup } from '../process-groups.js';

const child = spawn('/bin/sh', ['-c', 'sleep 60 &\necho $!\nwait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
child.stdout.once('data', (data: Buffer) => {
  const marker = process.argv[2];
  trackProcessGroup(child.pid as number, marker ? { file: 'touch', args: [marker] } : undefined);
  process.stdout.write(`${child.pid} ${String(data).trim()}\n`);
});
setInterval(() => undefined, 60_000);
