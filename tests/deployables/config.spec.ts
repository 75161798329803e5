import { DEPLOYABLES, ServiceProcess } from '@dawg/testing';

describe('configuration checked at boot', () => {
  it.each(DEPLOYABLES)('%s stops with one line per problem, a non-zero exit and no stack trace', async (name) => {
    const service = ServiceProcess.spawn(name, { PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x', REDIS_URL: undefined });
    const { code } = await service.exited();
    expect(code).toBe(78);
    const [headline, ...problems] = service.stderr;
    expect(headline).toBe(`${name}: invalid configuration`);
    const variables = problems.map((line) => line.trim().split(':')[0]);
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_PUBLIC_KEY']));
    expect(problems.find((l) => l.includes('DATABASE_URL'))).toMatch(/expected a postgres:\/\/ connection URL/);
    expect(service.stderr.join('\n')).not.toMatch(/\n\s+at |hunter2/);
    expect(service.lines).toEqual([]);
  });
});
