import { m001Tables } from './001-tables.js';
import { m002Indexes } from './002-indexes.js';
import { m003AlertMessages } from './003-alert-messages.js';
import { m004NodeStats } from './004-node-stats.js';
import { m005AlertCount } from './005-alert-count.js';
import { m006ConnHistory } from './006-conn-history.js';
import type { Migration } from './migration.js';

/** Every schema step in order; a new step is a new file and one line here. Never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  m001Tables,
  m002Indexes,
  m003AlertMessages,
  m004NodeStats,
  m005AlertCount,
  m006ConnHistory,
];
