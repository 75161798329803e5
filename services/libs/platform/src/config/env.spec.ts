import { z } from 'zod';
import { composeEnv, ConfigValidationError, envPart, loadConfig } from './env';
import { platformEnv } from './platform-env';

const required = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' };

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadConfig', () => {
  const schema = composeEnv(platformEnv);

  it('applies defaults and coerces numbers', () => {
    const env = loadConfig(schema, required);
    expect(env.PORT).toBe(3000);
    expect(env.SHUTDOWN_GRACE_MS).toBe(10_000);
    expect(loadConfig(schema, { ...required, PORT: '8081' }).PORT).toBe(8081);
  });

  it('reports every problem on its own line naming the variable and what is expected', () => {
    const problems = problemsOf(() => loadConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud' }));
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/got "eighty".*expected a TCP port/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toMatch(/expected a pino level/);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toMatch(/is required \(not set\); expected a postgres:\/\/ connection URL/);
    expect(problems.find((p) => p.startsWith('REDIS_URL:'))).toMatch(/is required/);
  });

  it('never echoes the value of a secret-looking variable', () => {
    const problems = problemsOf(() => loadConfig(schema, { ...required, DATABASE_URL: 'mysql://root:hunter2@db/x' }));
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems[0]).toMatch(/^DATABASE_URL: .*<redacted>/);
  });

  it('treats an empty variable as unset', () => {
    expect(problemsOf(() => loadConfig(schema, { ...required, REDIS_URL: '' }))[0]).toMatch(/^REDIS_URL: is required/);
  });

  it('runs conditional rules even when other variables are invalid', () => {
    const cache = envPart({ CACHE: z.enum(['off', 'dir']).default('off').describe('off or dir'), CACHE_DIR: z.string().optional().describe('a directory') }, (env, ctx) => {
      if (env.CACHE === 'dir' && !env.CACHE_DIR) ctx.addIssue({ code: 'custom', path: ['CACHE_DIR'], message: 'is required when CACHE=dir' });
    });
    const problems = problemsOf(() => loadConfig(composeEnv(platformEnv, cache), { ...required, PORT: '-1', CACHE: 'dir' }));
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['CACHE_DIR', 'PORT']);
  });

  it('composes the parts of several libraries into one schema', () => {
    const extra = envPart({ WIDGETS: z.coerce.number().int().describe('how many widgets') }, (env, ctx) => {
      if (env.WIDGETS > 3) ctx.addIssue({ code: 'custom', path: ['WIDGETS'], message: 'at most 3' });
    });
    const both = composeEnv(platformEnv, extra);
    expect(loadConfig(both, { ...required, WIDGETS: '2' }).WIDGETS).toBe(2);
    expect(problemsOf(() => loadConfig(both, { ...required, WIDGETS: '5' }))).toEqual([
      'WIDGETS: at most 3 (got "5"); expected how many widgets',
    ]);
  });
});
