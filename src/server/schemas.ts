import { FEATURE_NAMES } from '../metrics/features.js';

/** JSON schemas shared by routes (validated by validation.ts, published by /openapi.json). */

export const batchId = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9._:-]+$',
  description: 'idempotency key: a batch id already stored is answered as a duplicate and not stored again',
} as const;

export const epochSeconds = { type: 'number', description: 'Unix epoch seconds' } as const;

export const queryTime = {
  type: 'string',
  format: 'vigil-time',
  description: 'epoch seconds or ISO-8601 (UTC when no zone)',
} as const;

export const nodeName = { type: 'string', minLength: 1, maxLength: 253 } as const;

/** `from` inclusive, `to` exclusive. */
export const rangeQuery = { from: queryTime, to: queryTime } as const;

export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const;

const featureProps = Object.fromEntries(
  FEATURE_NAMES.map((f) => [f, { type: ['number', 'null'], description: 'raw counter or gauge' }]),
);

export const sampleIn = {
  type: 'object',
  required: ['node', 'ts', ...FEATURE_NAMES],
  additionalProperties: false,
  properties: {
    node: nodeName,
    ts: epochSeconds,
    ...featureProps,
    attack: { type: 'integer', enum: [0, 1], default: 0 },
  },
} as const;

export const ingestAnswer = {
  type: 'object',
  properties: { accepted: { type: 'integer' }, duplicate: { type: 'boolean' } },
} as const;

export const errorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' }, in: { type: 'string' } },
      },
    },
  },
} as const;

export const alertFilterQuery = {
  sid: { type: 'integer', minimum: 0 },
  gid: { type: 'integer', minimum: 0 },
  node: { type: 'string' },
  pod: { type: 'string' },
  namespace: { type: 'string' },
  addr: { type: 'string' },
  port: { type: 'integer', minimum: 0, maximum: 65535 },
  classtype: { type: 'string' },
  priority: { type: 'integer', minimum: 0 },
  proto: { type: 'string' },
  community_id: { type: 'string' },
  q: { type: 'string', maxLength: 200, description: 'text search over msg' },
  ...rangeQuery,
} as const;
