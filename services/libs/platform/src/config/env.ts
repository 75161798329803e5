import { z } from 'zod';

/**
 * A slice of the environment owned by one library or service: its variables
 * (each with a `.describe()` that says what is expected) and, optionally,
 * cross-field rules such as "S3 settings are required when STORAGE_DRIVER=s3".
 */
export interface EnvPart<S extends z.ZodRawShape = z.ZodRawShape> {
  shape: S;
  refine?: (env: z.infer<z.ZodObject<S>>, ctx: z.RefinementCtx) => void;
}

// Parts are heterogeneous; each part's `refine` is typed where the part is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEnvPart = EnvPart<any>;
type ShapeOf<P> = P extends EnvPart<infer S> ? S : never;
type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type MergedShape<P extends readonly AnyEnvPart[]> =
  UnionToIntersection<ShapeOf<P[number]>> extends infer S extends z.ZodRawShape ? { [K in keyof S]: S[K] } : never;

export function envPart<S extends z.ZodRawShape>(shape: S, refine?: EnvPart<S>['refine']): EnvPart<S> {
  return { shape, refine };
}

/** Composes the parts a deployable needs into one schema, validated once at boot. */
export function composeEnv<P extends readonly AnyEnvPart[]>(...parts: P) {
  const shape = Object.assign({}, ...parts.map((p) => p.shape)) as MergedShape<P>;
  return z.object(shape).superRefine(
    (env, ctx) => {
      for (const part of parts) part.refine?.(env, ctx);
    },
    // Run the cross-field rules even when a variable is already invalid, so
    // one boot reports every problem. Rules must tolerate invalid values.
    { when: () => true },
  );
}

export type EnvOf<T extends z.ZodType> = z.infer<T>;

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Validates `env` against `schema`. Every problem becomes one line naming the
 * variable, what is expected (its description) and what was wrong.
 */
export function loadConfig<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv = process.env): T {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const shape = shapeOf(schema);
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.length > 0 ? String(issue.path[0]) : '(environment)';
    const expected = descriptionOf(shape?.[variable]);
    const received = cleaned[variable];
    const got = received === undefined ? 'not set' : `got ${JSON.stringify(redactIfSecret(variable, received))}`;
    const message = received === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
    return `${variable}: ${message} (${got})${expected ? `; expected ${expected}` : ''}`;
  });
  throw new ConfigValidationError(problems);
}

/**
 * Boot-time wrapper: prints one line per problem to stderr and exits non-zero,
 * without a stack trace, so an operator sees exactly what to fix.
 */
export function loadConfigOrExit<T>(schema: z.ZodType<T>, service: string, env: NodeJS.ProcessEnv = process.env): T {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) throw err;
    process.stderr.write(`${service}: invalid configuration\n${err.problems.map((p) => `  ${p}\n`).join('')}`);
    process.exit(78); // EX_CONFIG
  }
}

const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|KEY|DSN)$|_URL$/;
function redactIfSecret(name: string, value: string): string {
  return SECRET_NAME.test(name) ? '<redacted>' : value;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (schema instanceof z.ZodPipe) return shapeOf(schema.in as z.ZodType);
  return undefined;
}

/** The description of a variable, looking through `.default()` and `.optional()` wrappers. */
function descriptionOf(schema: z.ZodType | undefined): string | undefined {
  for (let current = schema; current; ) {
    if (current.description) return current.description;
    current = (current.def as { innerType?: z.ZodType }).innerType;
  }
  return undefined;
}
