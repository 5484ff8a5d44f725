// A PostgreSQL ledger for the scenarios that need one: those tagged @postgres, and every scenario when the profile
// says `worldParameters: { ledger: 'postgres' }`. One throwaway cluster a run, a fresh migrated database a scenario.
import { AfterAll, Before } from '@cucumber/cucumber';
import { pgBridge } from '../ledger/pg/pg-bridge.js';
import { stopSharedCluster } from './pg-cluster.js';
import type { TrackerWorld } from './world.js';

AfterAll(() => {
  stopSharedCluster();
});

Before(function (this: TrackerWorld, { pickle }) {
  const tagged = pickle.tags.some((tag) => tag.name === '@postgres');
  if (!tagged && (this.parameters as { ledger?: string } | undefined)?.ledger !== 'postgres') return;
  this.ledgerUrl = this.createDatabase();
  pgBridge.migrate(this.ledgerUrl, null);
});
