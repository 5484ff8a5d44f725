// Runs `tracker` from the modules tsc compiled, not from the bin's bundle: a CPU profile of it then names each
// function's own file (dist/budget/..., dist/proxy/...), where the bundle's chunks hide them (ADR 0025).
import { runTracker } from '../cli/run-tracker.js';

await runTracker(process.argv.slice(2));
