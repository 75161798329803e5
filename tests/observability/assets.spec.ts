import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CHART_RULES_FILE, DATASOURCES_FILE, dashboardFiles, OBSERVABILITY, readDashboard, readRules, RULES_FILE } from './assets';
import { runNodeScript, validateObjects } from './node-scripts';

/** Parsed YAML whose shape each test asserts as it reads it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Yaml = any;

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;
/** Grafana's own variables ($__rate_interval, $__interval, ...) need no definition. */
const usedVariables = (expr: string) => [...expr.matchAll(/\$\{?([A-Za-z]\w*)/g)].map((m) => m[1]!);

describe('the Grafana dashboards', () => {
  it('are the six the platform needs: overview, RED per service, WebSockets, generation queue, AI assistant, SSH gateway', () => {
    expect(dashboardFiles()).toEqual(['dawg-ai-assistant.json', 'dawg-ai-gateway.json', 'dawg-ai-generation.json', 'dawg-ai-overview.json', 'dawg-ai-red.json', 'dawg-ai-websocket.json']);
  });

  it('are what observability/grafana/dashboards.mjs generates (edit that, then run it)', () => {
    const check = runNodeScript('observability/grafana/dashboards.mjs', ['--check']);
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it.each(dashboardFiles())('%s is a valid Grafana dashboard: uid, title, schemaVersion, panels on a Prometheus data source', (file) => {
    const dashboard = readDashboard(file);
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.title).toMatch(/^DAWG AI \/ /);
    expect(Number.isInteger(dashboard.schemaVersion) && dashboard.schemaVersion >= 36).toBe(true);
    expect(dashboard.tags).toContain('dawg-ai');

    const datasource = dashboard.templating.list.find((v) => v.name === 'datasource');
    expect(datasource).toMatchObject({ type: 'datasource', query: 'prometheus' });
    const defined = new Set(dashboard.templating.list.map((v) => v.name));

    expect(dashboard.panels.length).toBeGreaterThan(5);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      expect({ panel: panel.title, datasource: panel.datasource }).toEqual({ panel: panel.title, datasource: { type: 'prometheus', uid: '${datasource}' } });
      expect(['timeseries', 'stat']).toContain(panel.type);
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource).toEqual(panel.datasource);
        expect(target.expr.trim()).not.toBe('');
        for (const name of usedVariables(target.expr)) expect({ panel: panel.title, variable: name, defined: defined.has(name) }).toMatchObject({ defined: true });
      }
      // On the 24-column grid, and no two panels on the same cell.
      const { x, y, w, h } = panel.gridPos;
      expect(x >= 0 && w > 0 && x + w <= 24 && h > 0).toBe(true);
      for (let cx = x; cx < x + w; cx++) {
        for (let cy = y; cy < y + h; cy++) {
          expect(cells.has(`${cx},${cy}`)).toBe(false);
          cells.add(`${cx},${cy}`);
        }
      }
    }
    for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) expect(variable.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
  });

  it('have distinct uids', () => {
    const uids = dashboardFiles().map((f) => readDashboard(f).uid);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe('the alert rules', () => {
  const rules = readRules().groups.flatMap((g) => g.rules);
  const alert = (name: string) => rules.find((r) => r.alert === name)!;

  it('are a Prometheus rule file whose every rule has alert, expr, for, a severity and its notes', () => {
    const file = readRules();
    expect(file.groups.length).toBeGreaterThan(0);
    expect(new Set(file.groups.map((g) => g.name)).size).toBe(file.groups.length);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect({ alert: rule.alert, ok: /^Dawg[A-Z]\w+$/.test(rule.alert ?? '') }).toEqual({ alert: rule.alert, ok: true });
      expect(typeof rule.expr === 'string' && rule.expr.trim().length > 0).toBe(true);
      expect({ alert: rule.alert, for: rule.for }).toEqual({ alert: rule.alert, for: expect.stringMatching(DURATION) });
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      for (const note of ['summary', 'description', 'runbook']) expect({ alert: rule.alert, note, text: (rule.annotations?.[note] ?? '').length > 10 }).toMatchObject({ text: true });
    }
  });

  it('page on 5xx over 5% and warn over 1%, page on p95 over 5 s and warn over 1 s', () => {
    expect(alert('DawgHighErrorRate')).toMatchObject({ labels: { severity: 'critical' }, expr: expect.stringMatching(/status_code=~"5\.\."[\s\S]*\) > 0\.05\b/) });
    expect(alert('DawgElevatedErrorRate')).toMatchObject({ labels: { severity: 'warning' }, expr: expect.stringMatching(/\) > 0\.01\b/) });
    expect(alert('DawgHighLatency')).toMatchObject({ labels: { severity: 'critical' }, expr: expect.stringMatching(/histogram_quantile\(0\.95,[\s\S]*\) > 5\b/) });
    expect(alert('DawgElevatedLatency')).toMatchObject({ labels: { severity: 'warning' }, expr: expect.stringMatching(/histogram_quantile\(0\.95,[\s\S]*\) > 1\b/) });
  });

  it('watch for WebSocket disconnect spikes and a generation queue over 100', () => {
    expect(alert('DawgWebSocketDisconnectSpike').expr).toMatch(/max_over_time\(sum by \(service, path\) \(socketio_connected_sockets\)\[10m:30s\]\)/);
    expect(alert('DawgGenerationQueueBacklog').expr).toMatch(/generation_queue_jobs\{state=~"waiting\|prioritized"\}\)\) > 100/);
  });

  it('are copied unchanged into the Helm chart (charts/dawg-ai/files/alert-rules.yaml)', () => {
    expect(readFileSync(CHART_RULES_FILE, 'utf8')).toBe(readFileSync(RULES_FILE, 'utf8'));
  });

  it('make a valid PrometheusRule, as the chart embeds them', () => {
    const prometheusRule = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'dawg-ai' }, spec: { groups: readRules().groups } };
    expect(validateObjects([prometheusRule])).toEqual([{ kind: 'PrometheusRule', name: 'dawg-ai', error: null }]);
  });

  const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
  (promtool ? it : it.skip)('pass promtool check rules and their unit tests (promtool test rules), where promtool is installed', () => {
    const dir = dirname(RULES_FILE);
    const checked = spawnSync('promtool', ['check', 'rules', RULES_FILE], { encoding: 'utf8' });
    expect({ status: checked.status, out: checked.stdout + checked.stderr }).toMatchObject({ status: 0 });
    const tested = spawnSync('promtool', ['test', 'rules', 'dawg-ai.rules.test.yaml'], { cwd: dir, encoding: 'utf8' });
    expect({ status: tested.status, out: tested.stdout + tested.stderr }).toMatchObject({ status: 0 });
  });
});

describe('the collector, Tempo, Prometheus and Grafana configuration', () => {
  const yamlFile = (path: string) => parse(readFileSync(join(OBSERVABILITY, path), 'utf8')) as Yaml;

  it('sends OTLP from the services through memory_limiter and batch to Tempo over OTLP', () => {
    const config = yamlFile('otel-collector/otel-collector.yaml');
    expect(config.receivers.otlp.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } });
    const pipeline = config.service.pipelines.traces;
    expect(pipeline.receivers).toEqual(['otlp']);
    // memory_limiter first (it must refuse data before anything buffers it), batch last.
    expect(pipeline.processors[0]).toBe('memory_limiter');
    expect(pipeline.processors.at(-1)).toBe('batch');
    expect(pipeline.exporters).toEqual(['otlp/tempo']);
    expect(config.exporters['otlp/tempo'].endpoint).toBe('${env:TEMPO_OTLP_ENDPOINT}');
    for (const kind of ['receivers', 'processors', 'exporters'] as const) for (const name of pipeline[kind]) expect(config[kind][name]).toBeDefined();
    for (const name of config.service.extensions) expect(config.extensions[name]).toBeDefined();
  });

  it('has Tempo receive OTLP and answer Grafana on 3200, keeping its data under /var/tempo', () => {
    const config = yamlFile('tempo/tempo.yaml');
    expect(config.server.http_listen_port).toBe(3200);
    expect(Object.keys(config.distributor.receivers.otlp.protocols).sort()).toEqual(['grpc', 'http']);
    expect(config.storage.trace.wal.path).toMatch(/^\/var\/tempo\//);
    expect(config.storage.trace.local.path).toMatch(/^\/var\/tempo\//);
  });

  it('has Prometheus find DAWG AI pods by label and annotation, never relabelling the services’ own `service` label', () => {
    const config = yamlFile('prometheus/prometheus.yml');
    expect(config.global.external_labels.region).toBe('${DAWG_REGION}');
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yaml']);
    const jobs = Object.fromEntries((config.scrape_configs as Array<{ job_name: string }>).map((j) => [j.job_name, j])) as Record<string, Yaml>;
    for (const job of ['dawg-ai', 'kubernetes-pods']) expect(jobs[job].kubernetes_sd_configs).toEqual([{ role: 'pod' }]);
    expect(jobs['dawg-ai'].relabel_configs[0]).toMatchObject({ action: 'keep', source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_part_of', '__meta_kubernetes_pod_label_app_kubernetes_io_name'] });
    expect(jobs['kubernetes-pods'].relabel_configs).toContainEqual({ source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' });
    const targetLabels = Object.values(jobs).flatMap((j) => (j.relabel_configs ?? []).map((r: { target_label?: string }) => r.target_label));
    expect(targetLabels).not.toContain('service');
  });

  it('has a local Prometheus scrape the `npm start` process and load the same rules', () => {
    const config = yamlFile('prometheus/prometheus.local.yml');
    expect(config.scrape_configs[0]).toMatchObject({ job_name: 'dawg-ai', static_configs: [{ targets: ['127.0.0.1:8080'] }] });
    expect(config.rule_files.map((f: string) => resolve(join(OBSERVABILITY, 'prometheus'), f))).toEqual([RULES_FILE]);
  });

  it('gives Grafana Prometheus and Tempo, with links from a trace to its service’s metrics', () => {
    const text = readFileSync(DATASOURCES_FILE, 'utf8');
    const { datasources } = parse(text) as { datasources: Yaml[] };
    expect(datasources.map((d) => [d.type, d.uid])).toEqual([
      ['prometheus', 'prometheus'],
      ['tempo', 'tempo'],
    ]);
    const links = datasources[1]!.jsonData.tracesToMetrics;
    expect(links.datasourceUid).toBe('prometheus');
    expect(links.tags).toEqual([{ key: 'service.name', value: 'service' }]);
    expect(links.queries.length).toBeGreaterThan(0);
    // Grafana expands $VAR in provisioning files: its own macros must be written $$.
    expect(text.replace(/\$\$__/g, '')).not.toMatch(/\$__/);
  });
});
