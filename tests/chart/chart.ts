/**
 * Renders charts/dawg-ai offline with the real helm (tools/helm.mjs), once
 * per scenario, and gives the specs typed views of the objects. A scenario is
 * the chart's values plus the values files a real install would pass: the
 * profiles, and every file under charts/dawg-ai/ci (picked up automatically,
 * so a new scenario file is linted, validated and golden-tested by itself).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { helm } from '../../tools/helm.mjs';

export const ROOT = resolve(__dirname, '..', '..');
export const CHART = join(ROOT, 'charts', 'dawg-ai');
export const RELEASE = 'dawg-ai';
export const NAMESPACE = 'dawg';

export interface Scenario {
  /** Also the golden file's name (tests/chart/golden/<name>.yaml). */
  name: string;
  /** Values files relative to the chart, in `-f` order. */
  files: string[];
  /** `--set` values, after the files (as on a real command line). */
  set?: string[];
}

export const SCENARIOS: Scenario[] = [
  { name: 'default', files: [] },
  { name: 'dev', files: ['values-dev.yaml'] },
  { name: 'prod', files: ['values-prod.yaml'] },
  { name: 'multi-region', files: ['values-multi-region.yaml'] },
  // The documented multi-region install: prod, the region file, and the region's name.
  { name: 'prod-multi-region-eu-west', files: ['values-prod.yaml', 'values-multi-region.yaml'], set: ['global.region=eu-west'] },
  ...readdirSync(join(CHART, 'ci'))
    .filter((f) => f.endsWith('-values.yaml'))
    .sort()
    .map((f) => ({ name: `ci-${f.replace(/-values\.yaml$/, '')}`, files: [`ci/${f}`] })),
];

export type Labels = Record<string, string>;

export interface Meta {
  name: string;
  namespace?: string;
  labels?: Labels;
  annotations?: Labels;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: { fieldPath: string };
    configMapKeyRef?: { name: string; key: string };
  };
}

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type: string; localhostProfile?: string };
  procMount?: string;
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  ports?: Array<{ name?: string; containerPort: number }>;
  resources?: { requests?: Labels; limits?: Labels };
  securityContext?: SecurityContext;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

export interface Volume {
  name: string;
  emptyDir?: { sizeLimit?: string };
  secret?: { secretName: string; items?: Array<{ key: string; path: string }> };
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: SecurityContext;
  hostUsers?: boolean;
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  volumes?: Volume[];
  topologySpreadConstraints?: Array<{ topologyKey: string; whenUnsatisfiable: string; labelSelector: { matchLabels: Labels } }>;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  data?: Labels;
  stringData?: Labels;
}

export interface Deployment extends K8sObject {
  spec: { replicas?: number; selector: { matchLabels: Labels }; template: { metadata: Meta; spec: PodSpec } };
}
export interface Job extends K8sObject {
  spec: { template: { metadata: Meta; spec: PodSpec } };
}
export interface Pod extends K8sObject {
  spec: PodSpec;
}
export interface Service extends K8sObject {
  spec: { type: string; selector: Labels; ports: Array<{ name: string; port: number; targetPort: string | number }> };
}
export interface PodDisruptionBudget extends K8sObject {
  spec: { selector: { matchLabels: Labels } };
}
export interface ScaleTarget {
  apiVersion: string;
  kind: string;
  name: string;
}
export interface HorizontalPodAutoscaler extends K8sObject {
  spec: { scaleTargetRef: ScaleTarget; minReplicas: number; maxReplicas: number; behavior?: { scaleUp?: unknown; scaleDown?: unknown } };
}
export interface ScaledObject extends K8sObject {
  spec: {
    scaleTargetRef: ScaleTarget;
    minReplicaCount: number;
    triggers: Array<{ type: string; metadata: Labels; authenticationRef?: { name: string } }>;
  };
}
export interface TriggerAuthentication extends K8sObject {
  spec: { secretTargetRef: Array<{ parameter: string; name: string; key: string }> };
}
export interface IngressPath {
  path: string;
  pathType: string;
  backend: { service: { name: string; port: { name?: string; number?: number } } };
}
export interface Ingress extends K8sObject {
  spec: { ingressClassName?: string; tls?: Array<{ secretName: string; hosts?: string[] }>; rules: Array<{ host?: string; http: { paths: IngressPath[] } }> };
}
export interface HTTPRoute extends K8sObject {
  spec: {
    hostnames?: string[];
    rules: Array<{
      matches: Array<{ path: { type: string; value: string } }>;
      backendRefs: Array<{ name: string; port: number }>;
      timeouts?: { request?: string };
      sessionPersistence?: { type: string };
    }>;
  };
}
export interface NetworkPolicyPeer {
  podSelector?: { matchLabels?: Labels };
  namespaceSelector?: { matchLabels?: Labels };
  ipBlock?: { cidr: string };
}
export interface NetworkPolicyRule {
  from?: NetworkPolicyPeer[];
  to?: NetworkPolicyPeer[];
  ports?: Array<{ port: number | string; protocol?: string }>;
}
export interface NetworkPolicy extends K8sObject {
  spec: { podSelector: { matchLabels?: Labels }; policyTypes: string[]; ingress?: NetworkPolicyRule[]; egress?: NetworkPolicyRule[] };
}
export interface ServiceMonitor extends K8sObject {
  spec: { selector: { matchLabels: Labels; matchExpressions?: Array<{ key: string; operator: string; values: string[] }> }; endpoints: Array<{ port: string; path: string }> };
}
export interface PrometheusRule extends K8sObject {
  spec: { groups: Array<{ name: string; rules: unknown[] }> };
}

export interface Rendered {
  /** helm's output, as it is (compared with the golden file). */
  manifest: string;
  objects: K8sObject[];
}

let valuesDir: string | undefined;
/** helm arguments for a scenario: its files as `-f`, then its `--set` values. */
export function scenarioArgs(scenario: Scenario): string[] {
  return [...scenario.files.flatMap((file) => ['-f', join(CHART, file)]), ...(scenario.set ?? []).flatMap((s) => ['--set', s])];
}

/** Writes `yaml` to a temporary values file and returns its path. */
export function valuesFile(name: string, yaml: string): string {
  valuesDir ??= mkdtempSync(join(tmpdir(), 'dawg-chart-values-'));
  const path = join(valuesDir, `${name}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

/** Runs `helm template` (release dawg-ai, namespace dawg) and returns helm's exit status and output. */
export function template(args: readonly string[]) {
  return helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, ...args]);
}

/** The objects of a multi-document manifest (empty documents dropped). */
export function parseManifest(manifest: string): K8sObject[] {
  return parseAllDocuments(manifest)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`helm rendered invalid YAML: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

/** Renders the chart with `args` and parses the result; throws with helm's message on failure. */
export function render(args: readonly string[]): Rendered {
  const result = template(args);
  if (result.status !== 0) throw new Error(`helm template ${args.join(' ')} failed:\n${result.stderr}`);
  return { manifest: result.stdout, objects: parseManifest(result.stdout) };
}

const rendered = new Map<string, Rendered>();

/** A scenario's rendering, made once per test file. */
export function renderScenario(scenario: Scenario): Rendered {
  let r = rendered.get(scenario.name);
  if (!r) {
    r = render(scenarioArgs(scenario));
    rendered.set(scenario.name, r);
  }
  return r;
}

/** The objects of one kind, typed. */
export function ofKind<T extends K8sObject>(objects: readonly K8sObject[], kind: T['kind'] & string): T[] {
  return objects.filter((o) => o.kind === kind) as T[];
}

/** Whether every label of `selector` is on `labels`. */
export function selects(selector: Labels | undefined, labels: Labels | undefined): boolean {
  const wanted = Object.entries(selector ?? {});
  return wanted.length > 0 && wanted.every(([k, v]) => labels?.[k] === v);
}

export interface PodOf {
  owner: K8sObject;
  labels: Labels;
  spec: PodSpec;
  /** A Deployment's pods run until replaced; hook Jobs and test Pods run to completion. */
  longRunning: boolean;
}

/** Every pod template of the rendering: Deployments, hook Jobs and test Pods. */
export function podsOf(objects: readonly K8sObject[]): PodOf[] {
  return objects.flatMap((o): PodOf[] => {
    if (o.kind === 'Deployment') {
      const d = o as Deployment;
      return [{ owner: o, labels: d.spec.template.metadata.labels ?? {}, spec: d.spec.template.spec, longRunning: true }];
    }
    if (o.kind === 'Job') {
      const j = o as Job;
      return [{ owner: o, labels: j.spec.template.metadata.labels ?? {}, spec: j.spec.template.spec, longRunning: false }];
    }
    if (o.kind === 'Pod') {
      const p = o as Pod;
      return [{ owner: o, labels: p.metadata.labels ?? {}, spec: p.spec, longRunning: false }];
    }
    return [];
  });
}

/**
 * Validates objects with kubernetes-models and its CRD packages in a Node
 * process of their own (ES modules only; see validate-models.mjs). One entry
 * per object: null when valid, else the validation error.
 */
export function validateModels(objects: readonly unknown[]): Array<string | null> {
  const result = spawnSync(process.execPath, [join(__dirname, 'validate-models.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`validate-models.mjs failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Array<string | null>;
}

/** `kind/name` of an object, for messages. */
export const id = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
