import { composeEnv, ConfigValidationError, loadConfig } from '@dawg/platform';
import { mayExecute } from './execute-access.guard';
import { opsEnv, parseServiceUrls } from './ops-env';
import { isRetryableCall, ServiceCallError } from './service-client';

describe('the retry rule for calls to other services', () => {
  const connect = new ServiceCallError('generation', 'connect', 'ECONNREFUSED');
  const reset = new ServiceCallError('generation', 'transport', 'ECONNRESET');
  const status = (code: number) => new ServiceCallError('generation', 'status', `answered ${code}`, code);

  it('retries GET on 5xx and on any network failure, never on 4xx', () => {
    expect([connect, reset, status(500), status(503)].map((e) => isRetryableCall('GET', e))).toEqual([true, true, true, true]);
    expect([status(400), status(404), status(429)].map((e) => isRetryableCall('GET', e))).toEqual([false, false, false]);
  });

  it('retries other methods only when the connection was never made', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      expect([connect, reset, status(503), status(400)].map((e) => isRetryableCall(method, e))).toEqual([true, false, false, false]);
    }
  });

  it('never retries errors that are not failed calls (an open breaker, a bug)', () => {
    expect(isRetryableCall('GET', new Error('boom'))).toBe(false);
  });
});

describe('who may execute ops actions', () => {
  it('lets admins with a session and keys with ops:execute in, and nobody else', () => {
    expect(mayExecute({ id: 'a', roles: ['user', 'admin'] })).toBe(true);
    expect(mayExecute({ id: 'u', roles: ['user'] })).toBe(false);
    expect(mayExecute({ id: 'k', roles: ['user'], scopes: ['ops:execute'] })).toBe(true);
    // A key's scopes are its ceiling, even when an admin owns it.
    expect(mayExecute({ id: 'k', roles: ['user', 'admin'], scopes: ['projects:read'] })).toBe(false);
  });
});

describe('OPS_SERVICE_URLS', () => {
  const schema = composeEnv(opsEnv);

  it('parses name=url pairs and drops trailing slashes', () => {
    expect([...parseServiceUrls(' ai-brain=http://ai-brain:8080/ , generation=https://gen.internal')]).toEqual([
      ['ai-brain', 'http://ai-brain:8080'],
      ['generation', 'https://gen.internal'],
    ]);
  });

  it.each([
    ['toaster=http://x', /not a service/],
    ['generation', /not name=url/],
    ['generation=not a url', /not a URL/],
    ['generation=ftp://x', /http or https/],
    ['voice=http://a,voice=http://b', /twice/],
    [',', /names no service/],
  ])('refuses %s at boot, naming the variable', (value, message) => {
    let error: unknown;
    try {
      loadConfig(schema, { OPS_SERVICE_URLS: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems.join('\n')).toMatch(/^OPS_SERVICE_URLS: /);
    expect((error as ConfigValidationError).problems.join('\n')).toMatch(message);
  });

  it('has working defaults when nothing is set', () => {
    expect(loadConfig(schema, {})).toMatchObject({ OPS_HEALTH_TIMEOUT_MS: 2_000, OPS_HEALTH_SAMPLE_SECONDS: 30, OPS_BREAKER_FAILURES: 5 });
  });
});
