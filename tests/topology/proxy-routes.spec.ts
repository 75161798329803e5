import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHART_VALUES, ingressSpec, mergeValues, readValues, renderNginxConfig, routeFor, routeTable } from '../../tools/proxy-routes.mjs';

/** tools/proxy-routes.mjs: the chart's routes as data, and the nginx configuration rendered from them. */
describe('proxy routes from the chart values', () => {
  const contract = {
    components: {
      api: { enabled: true, routes: [{ path: '/api' }, { path: '/socket.io', websocket: true }] },
      'ai-brain': { enabled: true, routes: [{ path: '/api/v1/ai' }, { path: '/api/v1/chat/' }, { path: '/ai-brain/socket.io', websocket: true }] },
      generation: { enabled: true, routes: [] },
      web: { enabled: false, backend: false, routes: [{ path: '/' }] },
    },
    ingress: { nginx: { enabled: true, proxyBodySize: '64m', websocketTimeoutSeconds: 3600 }, stickySessions: { enabled: true, cookieName: 'dawg_affinity' } },
  };

  it('merges values files as helm -f does: maps key by key, lists replaced, null removes', () => {
    expect(mergeValues({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: null })).toEqual({ a: { b: 1, c: [3] } });
    const dir = mkdtempSync(join(tmpdir(), 'dawg-values-'));
    try {
      writeFileSync(join(dir, 'overlay.yaml'), 'components:\n  web:\n    enabled: true\n');
      expect(readValues([join(dir, 'overlay.yaml')]).components).toMatchObject({ web: { enabled: true }, api: { routes: expect.any(Array) } });
      expect(() => readValues([join(dir, 'missing.yaml')])).toThrow('values file not found');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('lists the routes of enabled components, longest first; with unified on, the backends’ routes go to unified', () => {
    expect(routeTable(contract)).toEqual([
      { path: '/ai-brain/socket.io', component: 'ai-brain', websocket: true },
      { path: '/api/v1/chat', component: 'ai-brain', websocket: false },
      { path: '/api/v1/ai', component: 'ai-brain', websocket: false },
      { path: '/socket.io', component: 'api', websocket: true },
      { path: '/api', component: 'api', websocket: false },
    ]);
    const unified = mergeValues(contract, { unified: { enabled: true }, components: { web: { enabled: true } } });
    expect(new Set(routeTable(unified).map((r) => r.component))).toEqual(new Set(['unified', 'web']));
    expect(() => routeTable(mergeValues(contract, { components: { generation: { routes: [{ path: '/api' }] } } }))).toThrow('/api is routed to both api and generation');
    expect(() => routeTable(mergeValues(contract, { components: { generation: { routes: [{ path: 'api' }] } } }))).toThrow('components.generation.routes[0].path must be an absolute path');
  });

  it('reads the chart’s own values: every backend with routes, and the socket routes sticky', () => {
    const spec = ingressSpec(readValues([], CHART_VALUES));
    expect(spec.routes.filter((r) => r.websocket).map((r) => r.component).sort()).toEqual(['ai-brain', 'api', 'voice']);
    expect(spec.affinityCookie).toMatch(/^[\w-]+$/);
  });

  it('matches a prefix on whole path segments, the longest first', () => {
    const routes = routeTable(contract);
    expect(routeFor(routes, '/api/v1/ai/usage/stats')?.component).toBe('ai-brain');
    expect(routeFor(routes, '/api/v1/aix')?.component).toBe('api');
    expect(routeFor(routes, '/api')?.component).toBe('api');
    expect(routeFor(routes, '/apix')).toBeUndefined();
    expect(routeFor(routes, '/socket.io/?EIO=4&transport=polling')?.component).toBe('api');
  });

  it('renders one upstream per component, sticky ones for socket routes, passive health, and 503 for a component without replicas', () => {
    const config = renderNginxConfig({ ingress: ingressSpec(contract), upstreams: { api: ['127.0.0.1:3001', '127.0.0.1:3002'] }, listen: '127.0.0.1:8080', prefix: '/tmp/p', failTimeoutSeconds: 2 });
    expect(config).toContain('upstream dawg_api {\n    server 127.0.0.1:3001 max_fails=1 fail_timeout=2s;\n    server 127.0.0.1:3002 max_fails=1 fail_timeout=2s;\n    keepalive 32;\n  }');
    expect(config).toContain('upstream dawg_api_affinity {\n    hash $dawg_affinity_key consistent;');
    expect(config).toContain('proxy_next_upstream error timeout http_502;');
    expect(config).toContain('client_max_body_size 64m;');
    expect(config).toMatch(/location \/socket\.io\/ \{\n\s+proxy_pass http:\/\/dawg_api_affinity;[^}]*proxy_read_timeout 3600s;[^}]*add_header Set-Cookie \$dawg_affinity_set_cookie_\d always;/);
    expect(config).toMatch(/location = \/api \{\n\s+proxy_pass http:\/\/dawg_api;/);
    expect(config).toMatch(/location \/api\/v1\/ai\/ \{\n\s+default_type application\/json;\n\s+return 503 /);
    expect(config).toMatch(/location \/ \{\n\s+default_type application\/json;\n\s+return 404 /);
    // Without sticky sessions, socket routes are balanced like the others.
    const plain = renderNginxConfig({ ingress: { ...ingressSpec(contract), affinityCookie: null }, upstreams: { api: ['127.0.0.1:3001'] }, listen: '127.0.0.1:8080', prefix: '/tmp/p' });
    expect(plain).not.toContain('affinity');
    expect(() => renderNginxConfig({ ingress: ingressSpec(contract), upstreams: { generation: ['127.0.0.1:1'] }, listen: '127.0.0.1:8080', prefix: '/tmp/p' })).toThrow('no route leads to generation');
  });
});
