// Removes a test's scratch folder, retrying while a tool the test ran (go's build cache, npm, cargo) still writes in it.
import { rmSync } from 'node:fs';

/**
 * A test that timed out on a busy machine leaves its toolchain running: the after hook's removal then failed with
 * ENOTEMPTY (verify-task.test.ts, `.../home/.cache/go-build`, at a load average of 20), an error
 * over the timeout that explains it. Node retries ENOTEMPTY, EBUSY and EPERM `maxRetries` times, waiting `retryDelay`
 * ms longer each time (https://nodejs.org/api/fs.html#fsrmsyncpath-options): 11 s in all here.
 */
export function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
