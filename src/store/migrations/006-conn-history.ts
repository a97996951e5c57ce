import { runAll, type Migration } from './migration.js';

/**
 * conn.log's `history` becomes a column (log-columns.ts). Hunting filters on it (`history~ShAd`,
 * `history=S`) read every row of the time range; from jsonb that was 160–460 ms over 204k http rows of a
 * day on 5M records, from a column it is a plain text compare. Migration 001 builds the log tables from
 * LOG_COLUMNS, so a store created now already has the column (hence IF NOT EXISTS); older stores get it
 * here, back-filled from the record and removed from the jsonb remainder, as ingest now stores it.
 */
export const m006ConnHistory: Migration = {
  id: 6,
  name: 'conn-history',
  up: (q) =>
    runAll(q, [
      'ALTER TABLE log_conn ADD COLUMN IF NOT EXISTS history text',
      "UPDATE log_conn SET history = rec->>'history', rec = rec - 'history' WHERE rec ? 'history'",
    ]),
};
