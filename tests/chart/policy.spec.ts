/**
 * Policies every rendering of the chart must keep, checked on the rendered
 * objects of every profile and scenario file.
 */
import {
  type Deployment,
  type HorizontalPodAutoscaler,
  id,
  type Ingress,
  type K8sObject,
  type NetworkPolicy,
  type PodDisruptionBudget,
  podsOf,
  renderScenario,
  SCENARIOS,
  type ScaledObject,
  selects,
  type Service,
  type ServiceMonitor,
} from './chart';

const SELECTOR_KEYS = ['app.kubernetes.io/component', 'app.kubernetes.io/instance', 'app.kubernetes.io/name'];

describe.each(SCENARIOS)('scenario $name', (scenario) => {
  const objects = () => renderScenario(scenario).objects;
  const deployments = () => objects().filter((o): o is Deployment => o.kind === 'Deployment');
  const autoscaled = () =>
    new Set(
      objects()
        .filter((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject')
        .map((o) => (o as HorizontalPodAutoscaler | ScaledObject).spec.scaleTargetRef.name),
    );

  it('runs every container (hook Job and test pod included) with resources, as non-root 10001, read-only, without capabilities, under RuntimeDefault seccomp (but the SSH gateway sandbox)', () => {
    const problems: string[] = [];
    for (const pod of podsOf(objects())) {
      const podSc = pod.spec.securityContext ?? {};
      if (pod.spec.automountServiceAccountToken !== false) problems.push(`${id(pod.owner)}: mounts a service account token`);
      for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
        const where = `${id(pod.owner)} ${c.name}`;
        const sc = c.securityContext ?? {};
        if (!c.resources?.requests?.cpu || !c.resources.requests.memory || !c.resources.limits?.memory) problems.push(`${where}: resources incomplete`);
        if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot not set`);
        if ((sc.runAsUser ?? podSc.runAsUser) !== 10001) problems.push(`${where}: not running as uid 10001`);
        if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: writable root filesystem`);
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: privilege escalation allowed`);
        if (!sc.capabilities?.drop?.includes('ALL') || (sc.capabilities.add ?? []).length > 0) problems.push(`${where}: capabilities not dropped`);
        // The one exception: the SSH gateway's command sandbox may have a seccomp profile that allows unshare(2)
        // and a /proc of its own (procMount Unmasked, only in a pod user namespace); README.md, "SSH gateway".
        const sandboxed = c.ports?.some((p) => p.name === 'ssh') === true;
        const seccomp = (sc.seccompProfile ?? podSc.seccompProfile)?.type;
        if (seccomp !== 'RuntimeDefault' && !(sandboxed && (seccomp === 'Localhost' || seccomp === 'Unconfined'))) problems.push(`${where}: no RuntimeDefault seccomp profile`);
        if (sc.procMount !== undefined && !(sandboxed && sc.procMount === 'Unmasked' && pod.spec.hostUsers === false)) problems.push(`${where}: procMount ${sc.procMount}`);
        if (pod.spec.hostUsers !== undefined && !(sandboxed && pod.spec.hostUsers === false)) problems.push(`${where}: hostUsers set`);
        // Read-only root: /tmp must be a writable emptyDir (busybox's wget writes nothing).
        const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
        const volume = pod.spec.volumes?.find((v) => v.name === tmp?.name);
        if (pod.owner.kind !== 'Pod' && !volume?.emptyDir) problems.push(`${where}: no emptyDir at /tmp`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('pins every image to a tag (never latest) or a digest', () => {
    const images = podsOf(objects()).flatMap((p) => p.spec.containers.map((c) => c.image));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      const match = /^(?<name>[^@]+?)(?::(?<tag>[\w][\w.-]*))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/.exec(image);
      expect({ image, tagged: Boolean(match?.groups?.tag), latest: match?.groups?.tag === 'latest' }).toEqual({ image, tagged: true, latest: false });
    }
  });

  it('gives every long-running container startup, liveness (/health) and readiness (/ready) probes', () => {
    const problems: string[] = [];
    for (const pod of podsOf(objects()).filter((p) => p.longRunning)) {
      for (const c of pod.spec.containers) {
        if (!c.startupProbe || !c.livenessProbe || !c.readinessProbe) problems.push(`${id(pod.owner)} ${c.name}: probe missing`);
        const backend = c.args?.[0] === 'node';
        if (backend && (c.livenessProbe?.httpGet?.path !== '/health' || c.readinessProbe?.httpGet?.path !== '/ready')) problems.push(`${id(pod.owner)} ${c.name}: probes not on /health and /ready`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps Deployment selectors small, versionless and a subset of the pod labels', () => {
    for (const d of deployments()) {
      const selector = d.spec.selector.matchLabels;
      expect({ d: id(d), keys: Object.keys(selector).sort() }).toEqual({ d: id(d), keys: SELECTOR_KEYS });
      expect(selects(selector, d.spec.template.metadata.labels)).toBe(true);
      expect(Object.values(selector).join(' ')).not.toMatch(/\d+\.\d+/);
    }
  });

  it('omits replicas exactly where an HPA or ScaledObject scales the Deployment', () => {
    const scaled = autoscaled();
    for (const d of deployments()) {
      expect({ d: id(d), replicas: d.spec.replicas === undefined }).toEqual({ d: id(d), replicas: scaled.has(d.metadata.name) });
    }
  });

  it('points every HPA and ScaledObject at a Deployment, each scaled by at most one', () => {
    const targets = objects()
      .filter((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject')
      .map((o) => (o as HorizontalPodAutoscaler).spec.scaleTargetRef);
    const names = new Set(deployments().map((d) => d.metadata.name));
    for (const t of targets) expect({ ...t, exists: names.has(t.name) }).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: t.name, exists: true });
    expect(new Set(targets.map((t) => t.name)).size).toBe(targets.length);
    for (const hpa of objects().filter((o): o is HorizontalPodAutoscaler => o.kind === 'HorizontalPodAutoscaler')) {
      expect(hpa.spec.behavior?.scaleDown).toBeDefined();
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
    }
  });

  it('has a PodDisruptionBudget matching the pods of every multi-replica or autoscaled Deployment', () => {
    const pdbs = objects().filter((o): o is PodDisruptionBudget => o.kind === 'PodDisruptionBudget');
    const scaled = autoscaled();
    for (const d of deployments()) {
      const covering = pdbs.filter((p) => selects(p.spec.selector.matchLabels, d.spec.template.metadata.labels));
      const needs = scaled.has(d.metadata.name) || (d.spec.replicas ?? 1) > 1;
      expect({ d: id(d), pdbs: covering.length }).toEqual({ d: id(d), pdbs: needs ? 1 : 0 });
    }
    // And no budget selects nothing.
    for (const p of pdbs) expect(deployments().some((d) => selects(p.spec.selector.matchLabels, d.spec.template.metadata.labels))).toBe(true);
  });

  it('selects the pods of exactly one Deployment with every Service, on a port the pods name', () => {
    for (const svc of objects().filter((o): o is Service => o.kind === 'Service')) {
      const matching = deployments().filter((d) => selects(svc.spec.selector, d.spec.template.metadata.labels));
      expect({ svc: id(svc), deployments: matching.length }).toEqual({ svc: id(svc), deployments: 1 });
      const ports = matching[0]?.spec.template.spec.containers.flatMap((c) => c.ports ?? []) ?? [];
      for (const p of svc.spec.ports) expect(ports.some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort)).toBe(true);
    }
  });

  it('sends every Ingress path to a Service and port that exist', () => {
    const services = new Map(objects().filter((o): o is Service => o.kind === 'Service').map((s) => [s.metadata.name, s]));
    for (const ing of objects().filter((o): o is Ingress => o.kind === 'Ingress')) {
      for (const rule of ing.spec.rules) {
        for (const p of rule.http.paths) {
          const svc = services.get(p.backend.service.name);
          expect({ path: p.path, pathType: p.pathType, service: Boolean(svc) }).toEqual({ path: p.path, pathType: 'Prefix', service: true });
          expect(svc?.spec.ports.some((sp) => sp.name === p.backend.service.port.name)).toBe(true);
        }
      }
    }
  });

  it('rolls backend pods on config and secret changes (checksum annotations)', () => {
    for (const d of deployments()) {
      const backend = d.spec.template.spec.containers[0]?.args?.[0] === 'node';
      if (!backend) continue;
      const annotations = d.spec.template.metadata.annotations ?? {};
      expect({ d: id(d), config: /^[a-f0-9]{64}$/.test(annotations['checksum/config'] ?? ''), secret: /^[a-f0-9]{64}$/.test(annotations['checksum/secret'] ?? '') }).toEqual({
        d: id(d),
        config: true,
        secret: true,
      });
    }
  });

  it('gives every Deployment its own ServiceAccount without a token', () => {
    const accounts = new Map(objects().filter((o) => o.kind === 'ServiceAccount').map((o) => [o.metadata.name, o as K8sObject & { automountServiceAccountToken?: boolean }]));
    for (const d of deployments()) {
      const sa = accounts.get(d.spec.template.spec.serviceAccountName ?? '');
      expect({ d: id(d), sa: sa?.automountServiceAccountToken }).toEqual({ d: id(d), sa: false });
    }
  });

  it('spreads every Deployment over zones and nodes, selecting its own pods', () => {
    for (const d of deployments()) {
      const spread = d.spec.template.spec.topologySpreadConstraints;
      if (!spread) continue; // values-dev.yaml turns spreading off on a one-node cluster
      expect(spread.map((s) => s.topologyKey).sort()).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
      for (const s of spread) expect(selects(s.labelSelector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
    }
  });

  it('puts every pod behind a default-deny NetworkPolicy plus one of its own, when policies are on', () => {
    const policies = objects().filter((o): o is NetworkPolicy => o.kind === 'NetworkPolicy');
    if (policies.length === 0) return;
    const deny = policies.find((p) => !p.spec.ingress && !p.spec.egress && p.spec.policyTypes.includes('Ingress') && p.spec.policyTypes.includes('Egress'));
    expect(deny).toBeDefined();
    for (const pod of podsOf(objects())) {
      expect({ pod: id(pod.owner), denied: selects(deny?.spec.podSelector.matchLabels, pod.labels) }).toEqual({ pod: id(pod.owner), denied: true });
      const own = policies.filter((p) => p !== deny && selects(p.spec.podSelector.matchLabels, pod.labels));
      expect({ pod: id(pod.owner), policies: own.length }).toEqual({ pod: id(pod.owner), policies: 1 });
      // Everyone may resolve names.
      expect(own[0]?.spec.egress?.some((r) => r.ports?.some((p) => p.port === 53))).toBe(true);
    }
  });

  it('scrapes only backends, on the port named http', () => {
    for (const sm of objects().filter((o): o is ServiceMonitor => o.kind === 'ServiceMonitor')) {
      expect(sm.spec.endpoints.map((e) => [e.port, e.path])).toEqual([['http', '/metrics']]);
      const components = sm.spec.selector.matchExpressions?.[0]?.values ?? [];
      expect(components).not.toContain('web');
      expect(components.length).toBeGreaterThan(0);
    }
  });

  it('labels every object with the release and chart', () => {
    for (const o of objects()) {
      const labels = o.metadata.labels ?? {};
      expect({ o: id(o), name: labels['app.kubernetes.io/name'], instance: labels['app.kubernetes.io/instance'], managedBy: labels['app.kubernetes.io/managed-by'] }).toEqual({
        o: id(o),
        name: 'dawg-ai',
        instance: 'dawg-ai',
        managedBy: 'Helm',
      });
    }
  });
});
