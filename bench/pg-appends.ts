// Round by round, K writer processes appending the same single rows to JSONL files and to PostgreSQL, order alternating.
import { join } from 'node:path';
import { benchAppends, type AppendResult } from './bench-appends.js';
import { type BenchCluster, countRowsPg, spreadOf, type Spread } from './pg-bench-db.js';

export interface AppendRound {
  jsonl: AppendResult;
  postgres: AppendResult;
  /** PostgreSQL's rows/s over JSONL's in this round. */
  ratio: number;
}

export interface AppendComparison {
  writers: number;
  perWriter: number;
  rounds: AppendRound[];
  ratio: Spread;
}

/** Each round gets a fresh data dir and a fresh database, so both backends start empty every time. */
export async function compareAppends(
  workDir: string,
  cluster: BenchCluster,
  writers: number,
  perWriter: number,
  rounds: number,
): Promise<AppendComparison> {
  const done: AppendRound[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const runJsonl = () => benchAppends(join(workDir, `jsonl-${round}`), writers, perWriter);
    const runPostgres = () => {
      const url = cluster.createLedger();
      return benchAppends(join(workDir, `pg-${round}`), writers, perWriter, {
        env: { TRACKER_LEDGER_URL: url },
        countRows: () => countRowsPg(url, 'snapshots.jsonl'),
      });
    };
    // Alternate which goes first, so a drift in the machine's load does not favour one backend.
    const jsonlFirst = round % 2 === 0;
    const first = await (jsonlFirst ? runJsonl() : runPostgres());
    const second = await (jsonlFirst ? runPostgres() : runJsonl());
    const [jsonl, postgres] = jsonlFirst ? [first, second] : [second, first];
    done.push({ jsonl, postgres, ratio: postgres.perSecond / jsonl.perSecond });
  }
  return { writers, perWriter, rounds: done, ratio: spreadOf(done.map((round) => round.ratio)) };
}
