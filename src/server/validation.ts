import { Ajv, type ErrorObject } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { pointerSegment, type ErrorDetail } from './http-error.js';
import { parseTime } from './time.js';

function makeAjv(coerce: boolean): Ajv {
  // allErrors: a client learns every bad field at once. Query strings arrive as text, so only they coerce;
  // a body that sends "5" for a number is wrong and is told so.
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    strict: false,
  });
  ajv.addFormat('vigil-time', { type: 'string', validate: (s: string) => parseTime(s) !== null });
  return ajv;
}

const bodyAjv = makeAjv(false);
const queryAjv = makeAjv(true);

/** Fastify's validator compiler: strict for bodies, coercing for querystring, params and headers. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : queryAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

const partOf: Record<string, ErrorDetail['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** Ajv errors → docs/api.md details: the pointer names the offending field itself, even for `required`. */
export function validationDetails(
  errors: readonly ErrorObject[],
  context: string | undefined,
): ErrorDetail[] {
  const where = partOf[context ?? 'body'] ?? 'body';
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    let path = e.instancePath;
    let message = e.message ?? 'is invalid';
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'required' && typeof p['missingProperty'] === 'string') {
      path += `/${pointerSegment(p['missingProperty'])}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties' && typeof p['additionalProperty'] === 'string') {
      path += `/${pointerSegment(p['additionalProperty'])}`;
      message = 'is not a known field';
    } else if (e.keyword === 'format' && p['format'] === 'vigil-time') {
      message = 'must be epoch seconds or an ISO-8601 time';
    } else if (e.keyword === 'enum' && Array.isArray(p['allowedValues'])) {
      message = `must be one of ${(p['allowedValues'] as unknown[]).map(String).join(', ')}`;
    }
    if (path === '') path = '/';
    const key = `${path}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message, in: where });
  }
  return out;
}
