// @ts-check
/**
 * The DAWG AI Grafana dashboards, written as code so that four dashboards
 * share one layout, one data-source variable and one set of query
 * conventions. The JSON under dashboards/ is what Grafana loads (provisioned
 * by k8s/observability, or imported by hand); regenerate it after an edit:
 *
 *   node observability/grafana/dashboards.mjs          writes dashboards/*.json
 *   node observability/grafana/dashboards.mjs --check  exits 1 if they are stale
 *
 * Every series named here is one the services export today (see
 * tests/observability, which boots them and compares). Probe and scrape
 * routes are left out of request panels, as in the alert rules.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'dashboards');

/** Routes that are kubelet probes or Prometheus scrapes, not users. */
const PROBES = '/health|/ready|/metrics';
const DS = { type: 'prometheus', uid: '${datasource}' };
const RATE = '$__rate_interval';

/**
 * @typedef {{ expr: string, legend?: string }} Query
 * @typedef {{ value: number, color: string }} Step
 * @typedef {{ title: string, description?: string, queries: Query[], unit?: string, w?: number, h?: number, thresholds?: Step[], min?: number, max?: number, stack?: boolean }} PanelSpec
 */

/** Places panels left to right in rows of 24 columns. */
function layout() {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let id = 0;
  return (/** @type {number} */ w, /** @type {number} */ h) => {
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { h, w, x, y };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return { id: ++id, gridPos };
  };
}

/** @param {Step[] | undefined} steps */
const thresholds = (steps) => ({ mode: 'absolute', steps: [{ color: 'green', value: null }, ...(steps ?? [])] });

/** @param {Query[]} queries */
const targets = (queries) =>
  queries.map((q, i) => ({ refId: String.fromCharCode(65 + i), datasource: DS, editorMode: 'code', expr: q.expr, legendFormat: q.legend ?? '__auto', range: true, instant: false }));

/** @param {ReturnType<typeof layout>} place @param {PanelSpec} spec */
function timeseries(place, spec) {
  return {
    ...place(spec.w ?? 12, spec.h ?? 8),
    type: 'timeseries',
    title: spec.title,
    description: spec.description ?? '',
    datasource: DS,
    targets: targets(spec.queries),
    fieldConfig: {
      defaults: {
        unit: spec.unit ?? 'short',
        ...(spec.min === undefined ? {} : { min: spec.min }),
        ...(spec.max === undefined ? {} : { max: spec.max }),
        color: { mode: 'palette-classic' },
        thresholds: thresholds(spec.thresholds),
        custom: {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: spec.stack ? 40 : 10,
          showPoints: 'never',
          spanNulls: false,
          stacking: { mode: spec.stack ? 'normal' : 'none', group: 'A' },
          thresholdsStyle: { mode: spec.thresholds ? 'line+area' : 'off' },
        },
      },
      overrides: [],
    },
    options: {
      legend: { displayMode: 'table', placement: 'bottom', showLegend: true, calcs: ['mean', 'max', 'lastNotNull'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

/** @param {ReturnType<typeof layout>} place @param {PanelSpec} spec */
function stat(place, spec) {
  return {
    ...place(spec.w ?? 4, spec.h ?? 4),
    type: 'stat',
    title: spec.title,
    description: spec.description ?? '',
    datasource: DS,
    targets: targets(spec.queries),
    fieldConfig: { defaults: { unit: spec.unit ?? 'short', color: { mode: 'thresholds' }, thresholds: thresholds(spec.thresholds), decimals: spec.unit === 'percentunit' ? 2 : undefined }, overrides: [] },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'value',
      graphMode: 'area',
      justifyMode: 'auto',
      orientation: 'auto',
      textMode: 'auto',
      wideLayout: true,
      showPercentChange: false,
    },
  };
}

const datasourceVariable = {
  name: 'datasource',
  label: 'Prometheus',
  type: 'datasource',
  query: 'prometheus',
  current: {},
  hide: 0,
  includeAll: false,
  multi: false,
  options: [],
  refresh: 1,
  regex: '',
};

/**
 * A variable filled from label_values(); `hideRegex` keeps matching values out
 * of the list, and so out of "All" (no allValue: All is the listed values).
 * @param {string} name @param {string} label @param {string} query @param {{ hideRegex?: string }} [options]
 */
function labelVariable(name, label, query, options = {}) {
  return {
    name,
    label,
    type: 'query',
    datasource: DS,
    definition: query,
    query: { qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    current: {},
    hide: 0,
    includeAll: true,
    multi: true,
    options: [],
    refresh: 2,
    regex: options.hideRegex ? `/^(?!(${options.hideRegex})$).*$/` : '',
    sort: 1,
  };
}

/**
 * @param {{ uid: string, title: string, description: string, tags: string[], variables?: object[], panels: (place: ReturnType<typeof layout>) => object[] }} spec
 */
function dashboard(spec) {
  return {
    id: null,
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['dawg-ai', ...spec.tags],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    fiscalYearStartMonth: 0,
    liveNow: false,
    refresh: '30s',
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-3h', to: 'now' },
    timepicker: {},
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    links: [{ title: 'DAWG AI', type: 'dashboards', tags: ['dawg-ai'], asDropdown: true, includeVars: false, keepTime: true, icon: 'external link', targetBlank: false, tooltip: '', url: '' }],
    templating: { list: [datasourceVariable, ...(spec.variables ?? [])] },
    panels: spec.panels(layout()),
  };
}

// ------------------------------------------------------------------ queries

/** Requests per second by `by`, over a selector. @param {string} by @param {string} selector */
const requestRate = (by, selector) => `sum by (${by}) (rate(http_request_duration_seconds_count{${selector}}[${RATE}]))`;
/**
 * The 5xx share of requests by `by`. Where nothing failed there is no 5xx
 * series at all; `or ... * 0` makes that a 0 rather than "No data".
 * @param {string} by @param {string} selector
 */
const errorRatio = (by, selector) => {
  const all = `sum${by ? ` by (${by}) ` : ''}(rate(http_request_duration_seconds_count{${selector}}[${RATE}]))`;
  const failed = `sum${by ? ` by (${by}) ` : ''}(rate(http_request_duration_seconds_count{${selector}, status_code=~"5.."}[${RATE}]))`;
  return `(\n  ${failed}\nor\n  ${all} * 0\n)\n/\n${all}`;
};
/** A request-duration quantile by `by`. @param {number} q @param {string} by @param {string} selector */
const latency = (q, by, selector) => `histogram_quantile(${q}, sum by (${[by, 'le'].filter(Boolean).join(', ')}) (rate(http_request_duration_seconds_bucket{${selector}}[${RATE}])))`;
/** Every worker reads the same queue counts from Redis: one value per state, not a sum over workers. @param {string} states */
const queued = (states) => `sum(max by (state) (generation_queue_jobs{state=~"${states}"}))`;
const socketsTotal = (/** @type {string} */ selector) => `sum by (service, path) (socketio_connected_sockets{${selector}})`;

const USERS = `route!~"${PROBES}"`;

// --------------------------------------------------------------- dashboards

const overview = dashboard({
  uid: 'dawg-ai-overview',
  title: 'DAWG AI / Platform overview',
  description: 'Traffic, errors, latency, realtime, the generation queue and saturation across every DAWG AI service.',
  tags: ['overview'],
  panels: (place) => [
    stat(place, { title: 'Requests/s', queries: [{ expr: `sum(rate(http_request_duration_seconds_count{${USERS}}[${RATE}]))` }], unit: 'reqps' }),
    stat(place, {
      title: '5xx ratio',
      description: 'Alerts: warning over 1% for 10 min, critical over 5% for 5 min (per service).',
      queries: [{ expr: errorRatio('', USERS) }],
      unit: 'percentunit',
      thresholds: [
        { value: 0.01, color: 'orange' },
        { value: 0.05, color: 'red' },
      ],
    }),
    stat(place, {
      title: 'p95 latency',
      description: 'Alerts: warning over 1 s for 10 min, critical over 5 s for 5 min (per service).',
      queries: [{ expr: latency(0.95, '', USERS) }],
      unit: 's',
      thresholds: [
        { value: 1, color: 'orange' },
        { value: 5, color: 'red' },
      ],
    }),
    stat(place, { title: 'Connected sockets', queries: [{ expr: 'sum(socketio_connected_sockets)' }] }),
    stat(place, { title: 'Generation jobs waiting', queries: [{ expr: queued('waiting|prioritized') }], thresholds: [{ value: 100, color: 'orange' }] }),
    stat(place, {
      title: 'Open circuit breakers',
      queries: [{ expr: 'count(max by (service, target) (circuit_breaker_state) == 2) or vector(0)' }],
      thresholds: [{ value: 1, color: 'red' }],
    }),
    timeseries(place, { title: 'Requests/s by service', queries: [{ expr: requestRate('service', USERS), legend: '{{service}}' }], unit: 'reqps' }),
    timeseries(place, {
      title: '5xx ratio by service',
      queries: [{ expr: errorRatio('service', USERS), legend: '{{service}}' }],
      unit: 'percentunit',
      min: 0,
      thresholds: [
        { value: 0.01, color: 'orange' },
        { value: 0.05, color: 'red' },
      ],
    }),
    timeseries(place, {
      title: 'p95 latency by service',
      queries: [{ expr: latency(0.95, 'service', USERS), legend: '{{service}}' }],
      unit: 's',
      thresholds: [
        { value: 1, color: 'orange' },
        { value: 5, color: 'red' },
      ],
    }),
    timeseries(place, {
      title: 'Processes reporting by service',
      description: 'Replicas whose /metrics Prometheus reads.',
      queries: [{ expr: 'count by (service) (process_start_time_seconds)', legend: '{{service}}' }],
      min: 0,
    }),
    timeseries(place, { title: 'Connected sockets by path', queries: [{ expr: socketsTotal(''), legend: '{{service}} {{path}}' }], min: 0 }),
    timeseries(place, {
      title: 'Generation jobs finished/s by outcome',
      queries: [{ expr: `sum by (outcome) (rate(generation_jobs_total[${RATE}]))`, legend: '{{outcome}}' }],
      unit: 'ops',
      stack: true,
    }),
    timeseries(place, { title: 'CPU by service', queries: [{ expr: `sum by (service) (rate(process_cpu_seconds_total[${RATE}]))`, legend: '{{service}}' }], unit: 'short', description: 'CPU seconds per second (cores).' }),
    timeseries(place, { title: 'Resident memory by service', queries: [{ expr: 'sum by (service) (process_resident_memory_bytes)', legend: '{{service}}' }], unit: 'bytes' }),
    timeseries(place, {
      title: 'Event loop lag p99 (worst process)',
      description: 'Alert: over 500 ms for 10 min.',
      queries: [{ expr: 'max by (service) (nodejs_eventloop_lag_p99_seconds)', legend: '{{service}}' }],
      unit: 's',
      thresholds: [{ value: 0.5, color: 'red' }],
    }),
    timeseries(place, {
      title: 'Retries and circuit rejections/s by target',
      queries: [
        { expr: `sum by (service, target) (rate(retries_total[${RATE}]))`, legend: 'retries {{service}} → {{target}}' },
        { expr: `sum by (service, target) (rate(circuit_breaker_rejections_total[${RATE}]))`, legend: 'rejected {{service}} → {{target}}' },
      ],
      unit: 'ops',
    }),
  ],
});

const SERVICE_ROUTE = `service=~"$service", route=~"$route"`;
const red = dashboard({
  uid: 'dawg-ai-red',
  title: 'DAWG AI / RED by service',
  description: 'Rate, errors and duration of every service, by route template (never the raw path). Probe and scrape routes are hidden from the route list.',
  tags: ['red', 'http'],
  variables: [
    labelVariable('service', 'Service', 'label_values(http_request_duration_seconds_count, service)'),
    labelVariable('route', 'Route', 'label_values(http_request_duration_seconds_count{service=~"$service"}, route)', { hideRegex: PROBES }),
  ],
  panels: (place) => [
    timeseries(place, { title: 'Rate: requests/s by service', queries: [{ expr: requestRate('service', SERVICE_ROUTE), legend: '{{service}}' }], unit: 'reqps', w: 8 }),
    timeseries(place, {
      title: 'Errors: 5xx ratio by service',
      queries: [{ expr: errorRatio('service', SERVICE_ROUTE), legend: '{{service}}' }],
      unit: 'percentunit',
      min: 0,
      w: 8,
      thresholds: [
        { value: 0.01, color: 'orange' },
        { value: 0.05, color: 'red' },
      ],
    }),
    timeseries(place, {
      title: 'Duration: p50, p95, p99 by service',
      queries: [0.5, 0.95, 0.99].map((q) => ({ expr: latency(q, 'service', SERVICE_ROUTE), legend: `{{service}} p${Math.round(q * 100)}` })),
      unit: 's',
      w: 8,
      thresholds: [
        { value: 1, color: 'orange' },
        { value: 5, color: 'red' },
      ],
    }),
    timeseries(place, { title: 'Requests/s by route', queries: [{ expr: requestRate('service, method, route', SERVICE_ROUTE), legend: '{{service}} {{method}} {{route}}' }], unit: 'reqps' }),
    timeseries(place, { title: 'Responses/s by status code', queries: [{ expr: requestRate('status_code', SERVICE_ROUTE), legend: '{{status_code}}' }], unit: 'reqps', stack: true }),
    timeseries(place, {
      title: '5xx ratio by route',
      queries: [{ expr: errorRatio('service, method, route', SERVICE_ROUTE), legend: '{{service}} {{method}} {{route}}' }],
      unit: 'percentunit',
      min: 0,
    }),
    timeseries(place, {
      title: '4xx/s by route and status',
      description: 'Client errors: validation (400), auth (401/403), plan limits (402), conflicts (409), rate limits (429).',
      queries: [{ expr: `sum by (service, route, status_code) (rate(http_request_duration_seconds_count{${SERVICE_ROUTE}, status_code=~"4.."}[${RATE}]))`, legend: '{{service}} {{route}} {{status_code}}' }],
      unit: 'reqps',
    }),
    timeseries(place, { title: 'p95 by route', queries: [{ expr: latency(0.95, 'service, method, route', SERVICE_ROUTE), legend: '{{service}} {{method}} {{route}}' }], unit: 's' }),
    timeseries(place, { title: 'p99 by route', queries: [{ expr: latency(0.99, 'service, method, route', SERVICE_ROUTE), legend: '{{service}} {{method}} {{route}}' }], unit: 's' }),
    timeseries(place, {
      title: 'Mean duration by route',
      queries: [
        {
          expr: `sum by (service, method, route) (rate(http_request_duration_seconds_sum{${SERVICE_ROUTE}}[${RATE}]))\n/\nsum by (service, method, route) (rate(http_request_duration_seconds_count{${SERVICE_ROUTE}}[${RATE}]))`,
          legend: '{{service}} {{method}} {{route}}',
        },
      ],
      unit: 's',
    }),
    timeseries(place, {
      title: 'Share of requests under 300 ms (the load tests’ p95 budget)',
      queries: [
        {
          expr: `sum by (service) (rate(http_request_duration_seconds_bucket{${SERVICE_ROUTE}, le="0.25"}[${RATE}]))\n/\nsum by (service) (rate(http_request_duration_seconds_count{${SERVICE_ROUTE}}[${RATE}]))`,
          legend: '{{service}} ≤ 250 ms',
        },
      ],
      unit: 'percentunit',
      description: 'The histogram has a bucket at 250 ms, the nearest under the k6 threshold of p(95)<300 ms.',
      min: 0,
      max: 1,
    }),
  ],
});

const PATH = 'path=~"$path"';
const websocket = dashboard({
  uid: 'dawg-ai-websocket',
  title: 'DAWG AI / WebSockets',
  description: 'Socket.IO on every service path: connected clients, events in and out, refused handshakes.',
  tags: ['websocket', 'realtime'],
  variables: [labelVariable('path', 'Socket.IO path', 'label_values(socketio_connected_sockets, path)')],
  panels: (place) => [
    stat(place, { title: 'Connected sockets', queries: [{ expr: `sum(socketio_connected_sockets{${PATH}})` }], w: 6 }),
    stat(place, { title: 'Events received/s', queries: [{ expr: `sum(rate(socketio_events_received_total{${PATH}}[${RATE}]))` }], unit: 'ops', w: 6 }),
    stat(place, { title: 'Events emitted/s', queries: [{ expr: `sum(rate(socketio_events_emitted_total{${PATH}}[${RATE}]))` }], unit: 'ops', w: 6 }),
    stat(place, { title: 'Handshakes refused/s', queries: [{ expr: `sum(rate(socketio_connections_refused_total{${PATH}}[${RATE}]))` }], unit: 'ops', w: 6, thresholds: [{ value: 1, color: 'orange' }] }),
    timeseries(place, { title: 'Connected sockets by path', queries: [{ expr: socketsTotal(PATH), legend: '{{service}} {{path}}' }], min: 0 }),
    timeseries(place, { title: 'Connected sockets by process', queries: [{ expr: `sum by (path, instance) (socketio_connected_sockets{${PATH}})`, legend: '{{path}} {{instance}}' }], min: 0 }),
    timeseries(place, {
      title: 'Drop from the 10-minute high',
      description: 'What DawgWebSocketDisconnectSpike watches: it fires over 30% (from a high of at least 20) for 2 minutes.',
      queries: [{ expr: `1 - ${socketsTotal(PATH)}\n/\nmax_over_time(${socketsTotal(PATH)}[10m:30s])`, legend: '{{service}} {{path}}' }],
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: [{ value: 0.3, color: 'red' }],
    }),
    timeseries(place, {
      title: 'Handshakes refused/s by reason',
      queries: [{ expr: `sum by (path, reason) (rate(socketio_connections_refused_total{${PATH}}[${RATE}]))`, legend: '{{path}} {{reason}}' }],
      unit: 'ops',
      thresholds: [{ value: 1, color: 'orange' }],
    }),
    timeseries(place, { title: 'Events received/s by event', queries: [{ expr: `sum by (path, event) (rate(socketio_events_received_total{${PATH}}[${RATE}]))`, legend: '{{path}} {{event}}' }], unit: 'ops' }),
    timeseries(place, { title: 'Events emitted/s by event', queries: [{ expr: `sum by (path, event) (rate(socketio_events_emitted_total{${PATH}}[${RATE}]))`, legend: '{{path}} {{event}}' }], unit: 'ops' }),
  ],
});

const KIND = 'kind=~"$kind"';
const generation = dashboard({
  uid: 'dawg-ai-generation',
  title: 'DAWG AI / Generation queue',
  description: 'The BullMQ generation queue (counts read from Redis by every worker at scrape time) and the jobs its workers ran.',
  tags: ['generation', 'queue'],
  variables: [labelVariable('kind', 'Kind', 'label_values(generation_job_duration_seconds_count, kind)')],
  panels: (place) => [
    stat(place, { title: 'Waiting', queries: [{ expr: queued('waiting|prioritized') }], thresholds: [{ value: 100, color: 'orange' }] }),
    stat(place, { title: 'Active', queries: [{ expr: queued('active') }] }),
    stat(place, { title: 'Delayed (retry backoff)', queries: [{ expr: queued('delayed') }] }),
    stat(place, { title: 'Failed (dead letters kept)', queries: [{ expr: queued('failed') }], thresholds: [{ value: 1, color: 'orange' }] }),
    stat(place, { title: 'Workers reporting', queries: [{ expr: 'count(generation_queue_jobs{state="waiting"})' }], thresholds: [], description: 'Processes exporting the queue gauge: generation workers (and unified processes).' }),
    stat(place, { title: 'Succeeded in the last hour', queries: [{ expr: 'sum(increase(generation_jobs_total{outcome="succeeded"}[1h]))' }] }),
    timeseries(place, {
      title: 'Queue depth by state',
      description: 'Alert: waiting over 100 for 10 min.',
      queries: [{ expr: 'max by (state) (generation_queue_jobs{state!="completed"})', legend: '{{state}}' }],
      min: 0,
      thresholds: [{ value: 100, color: 'orange' }],
    }),
    timeseries(place, {
      title: 'Jobs finished/s by kind and outcome',
      queries: [{ expr: `sum by (kind, outcome) (rate(generation_jobs_total{${KIND}}[${RATE}]))`, legend: '{{kind}} {{outcome}}' }],
      unit: 'ops',
      stack: true,
    }),
    timeseries(place, {
      title: 'Job duration p50 and p95 by kind (succeeded attempts)',
      queries: [0.5, 0.95].map((q) => ({
        expr: `histogram_quantile(${q}, sum by (kind, le) (rate(generation_job_duration_seconds_bucket{${KIND}, outcome="succeeded"}[${RATE}])))`,
        legend: `{{kind}} p${Math.round(q * 100)}`,
      })),
      unit: 's',
    }),
    timeseries(place, {
      title: 'Mean attempt duration by kind and outcome',
      queries: [
        {
          expr: `sum by (kind, outcome) (rate(generation_job_duration_seconds_sum{${KIND}}[${RATE}]))\n/\nsum by (kind, outcome) (rate(generation_job_duration_seconds_count{${KIND}}[${RATE}]))`,
          legend: '{{kind}} {{outcome}}',
        },
      ],
      unit: 's',
    }),
    timeseries(place, {
      title: 'Failed for good, share of finished jobs',
      description: 'Alert: over 10% over 30 min (with at least 10 jobs).',
      queries: [{ expr: `sum(rate(generation_jobs_total{${KIND}, outcome="failed"}[${RATE}]))\n/\nsum(rate(generation_jobs_total{${KIND}}[${RATE}]))`, legend: 'failed' }],
      unit: 'percentunit',
      min: 0,
      thresholds: [{ value: 0.1, color: 'red' }],
    }),
    timeseries(place, {
      title: 'Generation API responses/s by route and status',
      description: '402: generation minutes used up; 429: RATE_LIMIT_GENERATION.',
      queries: [{ expr: requestRate('route, status_code', 'route=~"/api/v1/generate.*"'), legend: '{{route}} {{status_code}}' }],
      unit: 'reqps',
    }),
    timeseries(place, {
      title: 'Worker CPU by process',
      queries: [{ expr: `sum by (instance) (rate(process_cpu_seconds_total{service="generation"}[${RATE}]))`, legend: '{{instance}}' }],
      description: 'Renders run in worker threads: a worker at its CPU limit is the cue to add replicas.',
    }),
  ],
});

const PROVIDER = 'provider=~"$provider"';
const ai = dashboard({
  uid: 'dawg-ai-assistant',
  title: 'DAWG AI / AI assistant',
  description: 'The assistant’s model calls: cost and tokens per provider (from the price table), calls by outcome, providers passed over, and the chat API.',
  tags: ['ai', 'cost'],
  variables: [labelVariable('provider', 'Provider', 'label_values(ai_requests_total, provider)')],
  panels: (place) => [
    stat(place, { title: 'Spend today (USD)', queries: [{ expr: `sum(increase(ai_cost_usd_total{${PROVIDER}}[24h]))` }], unit: 'currencyUSD', w: 6 }),
    stat(place, { title: 'Model calls/s', queries: [{ expr: `sum(rate(ai_requests_total{${PROVIDER}, outcome!="fallback"}[${RATE}]))` }], unit: 'ops', w: 6 }),
    stat(place, {
      title: 'Providers passed over/s',
      description: 'A provider that failed or was skipped by its circuit breaker before answering; the next one answered.',
      queries: [{ expr: `sum(rate(ai_requests_total{${PROVIDER}, outcome="fallback"}[${RATE}]))` }],
      unit: 'ops',
      w: 6,
      thresholds: [{ value: 0.1, color: 'orange' }],
    }),
    stat(place, { title: 'Tokens/s', queries: [{ expr: `sum(rate(ai_tokens_total{${PROVIDER}}[${RATE}]))` }], unit: 'ops', w: 6 }),
    timeseries(place, { title: 'Cost per provider (USD per hour)', queries: [{ expr: `sum by (provider) (rate(ai_cost_usd_total{${PROVIDER}}[${RATE}])) * 3600`, legend: '{{provider}}' }], unit: 'currencyUSD', stack: true }),
    timeseries(place, { title: 'Cost per provider per day (USD)', queries: [{ expr: `sum by (provider) (increase(ai_cost_usd_total{${PROVIDER}}[1d]))`, legend: '{{provider}}' }], unit: 'currencyUSD' }),
    timeseries(place, { title: 'Calls/s by provider and outcome', queries: [{ expr: `sum by (provider, outcome) (rate(ai_requests_total{${PROVIDER}}[${RATE}]))`, legend: '{{provider}} {{outcome}}' }], unit: 'ops' }),
    timeseries(place, { title: 'Tokens/s by model and direction', queries: [{ expr: `sum by (model, direction) (rate(ai_tokens_total{${PROVIDER}}[${RATE}]))`, legend: '{{model}} {{direction}}' }], unit: 'ops' }),
    timeseries(place, {
      title: 'Circuit breakers of the LLM providers',
      description: '0 closed, 1 half-open, 2 open (see circuit_breaker_state).',
      queries: [{ expr: 'max by (target) (circuit_breaker_state{target=~"llm:.*"})', legend: '{{target}}' }],
      min: 0,
      max: 2,
    }),
    timeseries(place, {
      title: 'Chat API responses/s by route and status',
      description: '402: the month’s AI messages are used up; 409: a turn is still running in that conversation.',
      queries: [{ expr: requestRate('route, status_code', 'route=~"/api/v1/chat.*"'), legend: '{{route}} {{status_code}}' }],
      unit: 'reqps',
    }),
  ],
});

const gateway = dashboard({
  uid: 'dawg-ai-gateway',
  title: 'DAWG AI / SSH gateway',
  description: 'The SSH gateway for agents and operators: command decisions, sessions across replicas, approvals, refusals and failed logins.',
  tags: ['gateway', 'ssh', 'security'],
  variables: [],
  panels: (place) => [
    stat(place, { title: 'Sessions (all replicas)', queries: [{ expr: 'max(gateway_sessions_cluster)' }], w: 6 }),
    stat(place, { title: 'Commands/s', queries: [{ expr: `sum(rate(gateway_commands_total[${RATE}]))` }], unit: 'ops', w: 6 }),
    stat(place, { title: 'Denied/s', queries: [{ expr: `sum(rate(gateway_commands_total{decision="denied"}[${RATE}]))` }], unit: 'ops', w: 6, thresholds: [{ value: 0.5, color: 'orange' }] }),
    stat(place, { title: 'Failed logins/s', queries: [{ expr: `sum(rate(gateway_auth_failures_total[${RATE}]))` }], unit: 'ops', w: 6, thresholds: [{ value: 1, color: 'red' }] }),
    timeseries(place, { title: 'Commands/s by decision', queries: [{ expr: `sum by (decision) (rate(gateway_commands_total[${RATE}]))`, legend: '{{decision}}' }], unit: 'ops', stack: true }),
    timeseries(place, { title: 'Sessions by replica', queries: [{ expr: 'sum by (instance) (gateway_sessions_active)', legend: '{{instance}}' }, { expr: 'max(gateway_sessions_cluster)', legend: 'all replicas' }], min: 0 }),
    timeseries(place, {
      title: 'Command duration p50 and p95',
      queries: [0.5, 0.95].map((q) => ({ expr: `histogram_quantile(${q}, sum by (le) (rate(gateway_command_duration_seconds_bucket[${RATE}])))`, legend: `p${Math.round(q * 100)}` })),
      unit: 's',
    }),
    timeseries(place, { title: 'Approvals by outcome', queries: [{ expr: `sum by (outcome) (increase(gateway_approvals_total[1h]))`, legend: '{{outcome}}' }] }),
    timeseries(place, { title: 'Sessions ended/s by reason', queries: [{ expr: `sum by (reason) (rate(gateway_sessions_ended_total[${RATE}]))`, legend: '{{reason}}' }], unit: 'ops' }),
    timeseries(place, {
      title: 'Replicas by command sandbox',
      description: 'How each replica isolates commands (gateway_sandbox_info): uid+namespaces, namespaces, uid, or none, where vim and AI-CLI commands are refused.',
      queries: [{ expr: 'sum by (mode) (gateway_sandbox_info)', legend: '{{mode}}' }],
      min: 0,
    }),
    timeseries(place, {
      title: 'Refused before login/s by reason',
      description: 'Lockouts, too many unauthenticated connections from one address, clients without strict key exchange, login timeouts.',
      queries: [{ expr: `sum by (reason) (rate(gateway_connections_refused_total[${RATE}]))`, legend: '{{reason}}' }, { expr: `sum by (reason) (rate(gateway_sessions_refused_total[${RATE}]))`, legend: 'session {{reason}}' }],
      unit: 'ops',
    }),
  ],
});

/** Every dashboard by its file name. */
export const DASHBOARDS = {
  'dawg-ai-overview.json': overview,
  'dawg-ai-red.json': red,
  'dawg-ai-websocket.json': websocket,
  'dawg-ai-generation.json': generation,
  'dawg-ai-assistant.json': ai,
  'dawg-ai-gateway.json': gateway,
};

/** The exact text of a dashboard file. @param {object} value */
export const render = (value) => `${JSON.stringify(value, null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const [file, value] of Object.entries(DASHBOARDS)) {
    const path = join(OUT, file);
    if (!check) writeFileSync(path, render(value));
    else if (readFileSync(path, 'utf8') !== render(value)) stale.push(file);
  }
  if (stale.length) {
    process.stderr.write(`stale: ${stale.join(', ')}; run node observability/grafana/dashboards.mjs\n`);
    process.exit(1);
  }
}
