#!/usr/bin/env node
// The `experiment` executable: planning, running and reporting controlled comparisons of providers. It loads only the
// command it runs; `--help`, `--version` and a mistyped command load the full program.
import { runExperiment } from './run-experiment.js';

await runExperiment(process.argv.slice(2));
