// schema.ts — the JSON Schema (draft-07 with ajv's `discriminator` keyword) of
// `molt_runtime_feedback.json`, the file an instrumented Molt program writes
// at exit. Versioned by `schema_version`; the policy is in
// specs/runtime-feedback.md §Versions. Neighbours: validate.ts (ajv plus the
// checks a schema cannot express), read.ts / write.ts (JSON ⇄ RuntimeProfile).

/** The version of the file format this package reads and writes. */
export const FEEDBACK_SCHEMA_VERSION = 1;
/** The `kind` field of every feedback file. */
export const FEEDBACK_KIND = 'molt-runtime-feedback';
/** Default file name, in the working directory of the profiled run. */
export const FEEDBACK_FILE_NAME = 'molt_runtime_feedback.json';
/** Set to `1` to make an instrumented program write its profile at exit. */
export const FEEDBACK_ENV = 'MOLT_RUNTIME_FEEDBACK';
/** Overrides the path of the profile file. */
export const FEEDBACK_FILE_ENV = 'MOLT_RUNTIME_FEEDBACK_FILE';

const HASH = { type: 'string', pattern: '^[0-9a-f]{16}$' } as const;
const COUNT = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;
const COUNTS = { type: 'object', additionalProperties: COUNT, propertyNames: { minLength: 1 } } as const;
const WHERE = {
  type: 'object',
  description: 'Where the site is, for people reading the file (ignored by the compiler).',
  properties: { func: { type: 'string' }, line: { type: 'integer', minimum: 0 }, col: { type: 'integer', minimum: 0 }, op: { type: 'string' } },
  additionalProperties: false,
} as const;

function record(kind: string, fields: Record<string, unknown>, description: string): object {
  return {
    type: 'object',
    description,
    required: ['site', 'kind', 'executions', ...Object.keys(fields)],
    properties: { site: HASH, kind: { const: kind }, executions: COUNT, where: WHERE, ...fields },
    additionalProperties: false,
  };
}

/** The JSON Schema of a feedback file, version 1. */
export const RUNTIME_FEEDBACK_SCHEMA = {
  $id: 'https://molt.dev/schemas/runtime-feedback-1.json',
  title: 'Molt runtime feedback',
  type: 'object',
  required: ['schema_version', 'kind', 'program', 'compiler', 'runs', 'sites'],
  properties: {
    schema_version: { const: FEEDBACK_SCHEMA_VERSION },
    kind: { const: FEEDBACK_KIND },
    program: {
      type: 'object',
      required: ['main', 'modules'],
      properties: {
        main: { type: 'string', minLength: 1 },
        modules: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'source_hash'],
            properties: { name: { type: 'string', minLength: 1 }, file: { type: 'string' }, source_hash: HASH },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    compiler: {
      type: 'object',
      required: ['version', 'op_table_hash', 'site_id_scheme'],
      properties: { version: { type: 'string' }, op_table_hash: HASH, site_id_scheme: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    target: { enum: ['native', 'wasm', 'mixed'] },
    runs: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    sites: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { enum: ['guard', 'types', 'calltargets', 'branch', 'loop', 'alloc', 'deopt'] } },
        discriminator: { propertyName: 'kind' },
        oneOf: [
          record('guard', { pass: COUNT, fail: COUNT }, 'A speculative guard: pass + fail = executions.'),
          record('types', { counts: COUNTS }, 'Operand type tags (comma-joined) at a dynamic op: sum(counts) <= executions.'),
          record('calltargets', { counts: COUNTS }, 'Callees at a call site (`module:qualname`, `builtin:name`, `type:qualname`): sum(counts) <= executions.'),
          record('branch', { taken: COUNT, not_taken: COUNT }, 'A conditional branch: taken + not_taken = executions.'),
          record('loop', { trips: COUNT }, 'A loop header: executions = entries, trips = back edges taken.'),
          record('alloc', {}, 'An allocation site: executions = objects allocated.'),
          record('deopt', { counts: COUNTS }, 'Failed speculation at a site by reason: sum(counts) <= executions.'),
        ],
      },
    },
  },
  additionalProperties: false,
} as const;

/** The file as JSON (what `RUNTIME_FEEDBACK_SCHEMA` accepts). */
export interface FeedbackJson {
  schema_version: number;
  kind: string;
  program: { main: string; modules: { name: string; file?: string; source_hash: string }[] };
  compiler: { version: string; op_table_hash: string; site_id_scheme: number };
  target?: 'native' | 'wasm' | 'mixed';
  runs: number;
  sites: SiteJson[];
}

export interface WhereJson {
  func?: string;
  line?: number;
  col?: number;
  op?: string;
}

export type SiteJson = { site: string; executions: number; where?: WhereJson } & (
  | { kind: 'guard'; pass: number; fail: number }
  | { kind: 'types' | 'calltargets' | 'deopt'; counts: Record<string, number> }
  | { kind: 'branch'; taken: number; not_taken: number }
  | { kind: 'loop'; trips: number }
  | { kind: 'alloc' }
);
