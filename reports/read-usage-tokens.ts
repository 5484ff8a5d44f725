// A telemetry row's tokens in one convention (input excludes cache): the ledger's reading, under the name reports use.
export { readRowTokens as readUsageTokens, type UsageFields } from '../ledger/vocabulary/index.js';
