import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '@dawg/testing';
import { dashboardFiles, DASHBOARDS_DIR, OBSERVABILITY, RULES_FILE } from './assets';
import { runNodeScript, validateObjects } from './node-scripts';

/** Every kustomization of the observability stack, by the name the tests use. */
const KUSTOMIZATIONS = {
  base: 'k8s/observability/base',
  dev: 'k8s/observability/overlays/dev',
  prod: 'k8s/observability/overlays/prod',
  'us-east': 'k8s/overlays/multi-region/us-east',
  'eu-west': 'k8s/overlays/multi-region/eu-west',
} as const;
type Name = keyof typeof KUSTOMIZATIONS;
const OVERLAYS: Name[] = ['dev', 'prod', 'us-east', 'eu-west'];
const REGIONS: Name[] = ['us-east', 'eu-west'];
const NAMESPACE = 'dawg-observability';

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string } } }>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean };
  volumes?: Array<{ name: string; configMap?: { name: string }; secret?: { secretName: string } }>;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    template?: { spec: PodSpec };
    volumeClaimTemplates?: Array<{ spec: { resources: { requests: { storage: string } } } }>;
    ports?: Array<{ port: number; name: string }>;
  };
  subjects?: Array<{ kind: string; name: string; namespace?: string }>;
}

const rendered = {} as Record<Name, K8sObject[]>;

beforeAll(() => {
  const result = runNodeScript('tests/observability/kustomize.mjs', Object.values(KUSTOMIZATIONS));
  if (result.status !== 0) throw new Error(`kustomize.mjs failed: ${result.stderr}`);
  const outputs = JSON.parse(result.stdout) as Record<string, { status: number; stdout: string; stderr: string }>;
  for (const [name, dir] of Object.entries(KUSTOMIZATIONS) as Array<[Name, string]>) {
    const output = outputs[dir]!;
    if (output.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${output.stderr}`);
    rendered[name] = parseAllDocuments(output.stdout).map((d) => d.toJS() as K8sObject);
  }
});

const find = (name: Name, kind: string, objectName: string) => {
  const found = rendered[name].find((o) => o.kind === kind && o.metadata.name === objectName);
  if (!found) throw new Error(`${name}: no ${kind} ${objectName}`);
  return found;
};
/** A generated ConfigMap, by the name before kustomize's hash suffix. */
const configMap = (name: Name, generated: string) => {
  const found = rendered[name].find((o) => o.kind === 'ConfigMap' && new RegExp(`^${generated}-[a-z0-9]{10}$`).test(o.metadata.name));
  if (!found) throw new Error(`${name}: no generated ConfigMap ${generated}`);
  return found;
};
const workloads = (name: Name) => rendered[name].filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
const container = (o: K8sObject) => o.spec!.template!.spec.containers[0]!;
const env = (o: K8sObject, variable: string) => container(o).env?.find((e) => e.name === variable);

describe('the observability kustomizations', () => {
  it('render with kubectl kustomize and its default load restrictor (no flag), each with the whole stack', () => {
    for (const name of Object.keys(KUSTOMIZATIONS) as Name[]) {
      const kinds = rendered[name].map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'Deployment/otel-collector',
          'Service/otel-collector',
          'ConfigMap/otel-collector-config',
          'StatefulSet/tempo',
          'Service/tempo',
          'ConfigMap/tempo-config',
          'StatefulSet/prometheus',
          'ConfigMap/prometheus-config',
          'ConfigMap/prometheus-rules',
          'Deployment/grafana',
          'ConfigMap/grafana-datasources',
          'ConfigMap/grafana-dashboard-provider',
          'ConfigMap/grafana-dashboards',
        ]),
      );
    }
  });

  it('render only objects that validate against the Kubernetes API schemas', () => {
    const all = (Object.keys(KUSTOMIZATIONS) as Name[]).flatMap((name) => rendered[name].map((object) => ({ name, object })));
    const results = validateObjects(all.map((a) => a.object));
    expect(results).toHaveLength(all.length);
    const failures = results.flatMap((r, i) => (r.error ? [`${all[i]!.name}: ${r.kind}/${r.name}: ${r.error}`] : []));
    expect(failures).toEqual([]);
  });

  it('carry the files of observability/ unchanged into their ConfigMaps', () => {
    for (const name of Object.keys(KUSTOMIZATIONS) as Name[]) {
      const dashboards = configMap(name, 'grafana-dashboards').data!;
      expect(Object.keys(dashboards).sort()).toEqual(dashboardFiles());
      for (const file of dashboardFiles()) expect(dashboards[file]).toBe(readFileSync(join(DASHBOARDS_DIR, file), 'utf8'));
      expect(configMap(name, 'prometheus-rules').data).toEqual({ 'dawg-ai.rules.yaml': readFileSync(RULES_FILE, 'utf8') });
      const file = (path: string) => readFileSync(join(OBSERVABILITY, path), 'utf8');
      expect(configMap(name, 'prometheus-config').data).toEqual({ 'prometheus.yml': file('prometheus/prometheus.yml') });
      expect(configMap(name, 'otel-collector-config').data).toEqual({ 'otel-collector.yaml': file('otel-collector/otel-collector.yaml') });
      expect(configMap(name, 'tempo-config').data).toEqual({ 'tempo.yaml': file('tempo/tempo.yaml') });
      expect(configMap(name, 'grafana-datasources').data).toEqual({ 'dawg-ai.yaml': file('grafana/provisioning/datasources/dawg-ai.yaml') });
      expect(configMap(name, 'grafana-dashboard-provider').data).toEqual({ 'dawg-ai.yaml': file('grafana/provisioning/dashboards/dawg-ai.yaml') });
    }
  });

  it('refer only to ConfigMaps and Secrets they render, but for the Grafana admin Secret prod expects you to create', () => {
    for (const name of Object.keys(KUSTOMIZATIONS) as Name[]) {
      const names = new Set(rendered[name].filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret').map((o) => `${o.kind}/${o.metadata.name}`));
      const missing: string[] = [];
      for (const workload of workloads(name)) {
        const pod = workload.spec!.template!.spec;
        const refs = [
          ...(pod.volumes ?? []).flatMap((v) => (v.configMap ? [`ConfigMap/${v.configMap.name}`] : v.secret ? [`Secret/${v.secret.secretName}`] : [])),
          ...pod.containers.flatMap((c) =>
            (c.env ?? []).flatMap((e) => (e.valueFrom?.configMapKeyRef ? [`ConfigMap/${e.valueFrom.configMapKeyRef.name}`] : e.valueFrom?.secretKeyRef ? [`Secret/${e.valueFrom.secretKeyRef.name}`] : [])),
          ),
        ];
        for (const ref of refs) if (!names.has(ref)) missing.push(ref);
      }
      expect({ name, missing: [...new Set(missing)] }).toEqual({ name, missing: name === 'dev' ? [] : ['Secret/grafana-admin'] });
    }
  });

  it('mount what the configuration files expect, where they expect it', () => {
    const grafana = find('prod', 'Deployment', 'grafana');
    const provider = parse(configMap('prod', 'grafana-dashboard-provider').data!['dawg-ai.yaml']!) as { providers: Array<{ options: { path: string } }> };
    const mounts = Object.fromEntries(container(grafana).volumeMounts!.map((m) => [m.name, m.mountPath]));
    expect(mounts.dashboards).toBe(provider.providers[0]!.options.path);
    expect(mounts.datasources).toBe('/etc/grafana/provisioning/datasources');

    const prometheus = find('prod', 'StatefulSet', 'prometheus');
    const args = container(prometheus).args!;
    expect(args).toContain('--config.file=/etc/prometheus/config/prometheus.yml');
    expect(args).toContain('--enable-feature=expand-external-labels');
    const promConfig = parse(configMap('prod', 'prometheus-config').data!['prometheus.yml']!) as { rule_files: string[] };
    const promMounts = Object.fromEntries(container(prometheus).volumeMounts!.map((m) => [m.name, m.mountPath]));
    expect(promConfig.rule_files).toEqual([`${promMounts.rules}/*.yaml`]);

    // The collector reaches Tempo's OTLP port through its Service; Grafana's data sources name real Services.
    const tempoPorts = find('prod', 'Service', 'tempo').spec!.ports!.map((p) => `tempo:${p.port}`);
    expect(tempoPorts).toContain(env(find('prod', 'Deployment', 'otel-collector'), 'TEMPO_OTLP_ENDPOINT')!.value);
    const datasources = parse(configMap('prod', 'grafana-datasources').data!['dawg-ai.yaml']!) as { datasources: Array<{ url: string }> };
    const services = rendered.prod.filter((o) => o.kind === 'Service').flatMap((s) => s.spec!.ports!.map((p) => `http://${s.metadata.name}:${p.port}`));
    for (const source of datasources.datasources) expect(services).toContain(source.url);
  });

  it('run pinned images as non-root, with read-only root filesystems and memory limits', () => {
    for (const name of Object.keys(KUSTOMIZATIONS) as Name[]) {
      for (const workload of workloads(name)) {
        const pod = workload.spec!.template!.spec;
        expect({ workload: workload.metadata.name, runAsNonRoot: pod.securityContext?.runAsNonRoot }).toEqual({ workload: workload.metadata.name, runAsNonRoot: true });
        for (const c of pod.containers) {
          expect(c.image).toMatch(/^[\w./-]+:(v?\d+\.\d+\.\d+)$/);
          expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
          expect(c.resources?.limits?.memory).toBeDefined();
          expect(c.resources?.requests?.cpu).toBeDefined();
        }
      }
    }
  });

  it('install the overlays into the dawg-observability namespace, Prometheus’s cluster binding included', () => {
    for (const name of OVERLAYS) {
      expect(find(name, 'Namespace', NAMESPACE)).toBeDefined();
      const namespaced = rendered[name].filter((o) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind));
      expect(namespaced.filter((o) => o.metadata.namespace !== NAMESPACE).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
      expect(find(name, 'ClusterRoleBinding', 'dawg-ai-observability-prometheus').subjects).toEqual([{ kind: 'ServiceAccount', name: 'prometheus', namespace: NAMESPACE }]);
    }
  });

  it('size dev small and prod for keeps: replicas, retention and volumes', () => {
    const retention = (name: Name) => [env(find(name, 'StatefulSet', 'tempo'), 'TEMPO_BLOCK_RETENTION')!.value, env(find(name, 'StatefulSet', 'prometheus'), 'PROMETHEUS_RETENTION')!.value];
    const volume = (name: Name, set: string) => find(name, 'StatefulSet', set).spec!.volumeClaimTemplates![0]!.spec.resources.requests.storage;
    expect(retention('dev')).toEqual(['24h', '3d']);
    expect(retention('prod')).toEqual(['336h', '30d']);
    expect([volume('dev', 'tempo'), volume('dev', 'prometheus')]).toEqual(['2Gi', '5Gi']);
    expect([volume('prod', 'tempo'), volume('prod', 'prometheus')]).toEqual(['50Gi', '100Gi']);
    expect(find('dev', 'Deployment', 'otel-collector').spec!.replicas).toBe(1);
    expect(find('prod', 'Deployment', 'otel-collector').spec!.replicas).toBe(2);
    expect(find('prod', 'PodDisruptionBudget', 'otel-collector')).toBeDefined();
    // Dev generates its Grafana admin Secret (with a hash suffix the Deployment follows).
    const secret = rendered.dev.find((o) => o.kind === 'Secret' && o.metadata.name.startsWith('grafana-admin-'))!;
    expect(env(find('dev', 'Deployment', 'grafana'), 'GF_SECURITY_ADMIN_PASSWORD')!.valueFrom!.secretKeyRef!.name).toBe(secret.metadata.name);
  });

  it.each(REGIONS)('label %s with its region, and have the collector and Prometheus stamp it on what they send', (region) => {
    const unlabelled = rendered[region].filter((o) => o.metadata.labels?.['dawg.ai/region'] !== region).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(unlabelled).toEqual([]);
    const settings = configMap(region, 'observability-settings');
    expect(settings.data).toEqual({ region });
    for (const [kind, workload] of [
      ['Deployment', 'otel-collector'],
      ['StatefulSet', 'prometheus'],
    ] as const) {
      expect(env(find(region, kind, workload), 'DAWG_REGION')!.valueFrom!.configMapKeyRef).toEqual({ name: settings.metadata.name, key: 'region' });
    }
    const collector = parse(configMap(region, 'otel-collector-config').data!['otel-collector.yaml']!) as { processors: { resource: { attributes: Array<{ key: string; value: string }> } } };
    expect(collector.processors.resource.attributes).toContainEqual(expect.objectContaining({ key: 'cloud.region', value: '${env:DAWG_REGION}' }));
    // Still the prod overlay underneath.
    expect(find(region, 'Deployment', 'otel-collector').metadata.labels?.['dawg.ai/environment']).toBe('prod');
  });

  it('leave the files in observability/ where they are edited: the base includes that folder, no copies', () => {
    const base = parse(readFileSync(join(REPO_ROOT, KUSTOMIZATIONS.base, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect(base.resources).toContain('../../../observability');
  });
});
