import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldProblem } from '../errors.ts';

// Request bodies are validated strictly: no type coercion and no silent removal of unknown fields, so a wrong
// type or an unknown field is a 400 naming the field. Query strings and path params arrive as text and are
// coerced to the declared types.
function makeAjv(coerce: boolean) {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    allErrors: true,
    strict: false,
  });
  addFormats.default(ajv);
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  return ajv;
}

const RFC3339 = addFormats.default.get('date-time', 'full') as { validate: (s: string) => boolean };

/**
 * RFC 3339 date-time that JavaScript can also read: RFC 3339 allows a leap second (23:59:60), which Date.parse
 * cannot represent — the services would get an Invalid Date (a 500 at the database).
 */
export const isDateTime = (s: string) => RFC3339.validate(s) && inRange(Date.parse(s));

// Years the platform deals in: a year 0000 or 99999 is valid RFC 3339 / JavaScript but out of the database's range
// (a 500 at the driver); nothing here happened before 1900 or is due after 2999.
const MIN_TIME = Date.UTC(1900, 0, 1),
  MAX_TIME = Date.UTC(3000, 0, 1);
const inRange = (t: number) => !Number.isNaN(t) && t >= MIN_TIME && t < MAX_TIME;
const strict = makeAjv(false);
const coercing = makeAjv(true);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fastify's compiler type is generic over every route's schema
export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : coercing;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** Turns ajv errors into field/reason pairs an API user (and the UI) can act on. */
export function fieldProblems(errors: ErrorObject[], part?: string): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const e of errors) {
    const base = e.instancePath.split('/').slice(1).join('.');
    let field = base;
    let reason = e.message ?? 'invalid';
    if (e.keyword === 'additionalProperties') {
      field = join(base, String(e.params.additionalProperty));
      reason = 'unknown field';
    } else if (e.keyword === 'required') {
      field = join(base, String(e.params.missingProperty));
      reason = 'required';
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    if (!field) field = part === 'body' || !part ? '(body)' : part;
    const key = `${field}|${reason}`;
    if (!seen.has(key)) {
      problems.push({ field, reason });
      seen.add(key);
    }
  }
  return problems.length ? problems : [{ field: part ?? '(body)', reason: 'invalid' }];
}

const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
