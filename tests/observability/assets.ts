import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '@dawg/testing';

/** The observability assets as files, read the way Grafana and Prometheus read them. */
export const OBSERVABILITY = join(REPO_ROOT, 'observability');
export const DASHBOARDS_DIR = join(OBSERVABILITY, 'grafana', 'dashboards');
export const RULES_FILE = join(OBSERVABILITY, 'prometheus', 'rules', 'dawg-ai.rules.yaml');
export const CHART_RULES_FILE = join(REPO_ROOT, 'charts', 'dawg-ai', 'files', 'alert-rules.yaml');
export const DATASOURCES_FILE = join(OBSERVABILITY, 'grafana', 'provisioning', 'datasources', 'dawg-ai.yaml');

export interface GrafanaTarget {
  refId: string;
  expr: string;
  datasource?: { type: string; uid: string };
}
export interface GrafanaPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: GrafanaTarget[];
}
export interface GrafanaVariable {
  name: string;
  type: string;
  query: string | { query: string };
  datasource?: { type: string; uid: string };
}
export interface GrafanaDashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  tags: string[];
  panels: GrafanaPanel[];
  templating: { list: GrafanaVariable[] };
}

export function dashboardFiles(): string[] {
  return readdirSync(DASHBOARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readDashboard(file: string): GrafanaDashboard {
  return JSON.parse(readFileSync(join(DASHBOARDS_DIR, file), 'utf8')) as GrafanaDashboard;
}

export interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface RuleFile {
  groups: Array<{ name: string; rules: AlertRule[] }>;
}

export function readRules(): RuleFile {
  return parse(readFileSync(RULES_FILE, 'utf8')) as RuleFile;
}

/** Every PromQL query the dashboards, alert rules and Tempo's trace-to-metrics links run, with where it is. */
export function everyQuery(): Array<{ where: string; expr: string; variable: boolean }> {
  const queries: Array<{ where: string; expr: string; variable: boolean }> = [];
  for (const file of dashboardFiles()) {
    const dashboard = readDashboard(file);
    for (const panel of dashboard.panels) {
      for (const target of panel.targets ?? []) queries.push({ where: `${file} "${panel.title}" ${target.refId}`, expr: target.expr, variable: false });
    }
    for (const variable of dashboard.templating.list) {
      if (variable.type !== 'query') continue;
      const expr = typeof variable.query === 'string' ? variable.query : variable.query.query;
      queries.push({ where: `${file} variable $${variable.name}`, expr, variable: true });
    }
  }
  for (const group of readRules().groups) {
    for (const rule of group.rules) queries.push({ where: `rule ${rule.alert ?? rule.record}`, expr: rule.expr, variable: false });
  }
  const datasources = parse(readFileSync(DATASOURCES_FILE, 'utf8')) as {
    datasources: Array<{ name: string; jsonData?: { tracesToMetrics?: { queries?: Array<{ name: string; query: string }> } } }>;
  };
  for (const source of datasources.datasources) {
    for (const query of source.jsonData?.tracesToMetrics?.queries ?? []) queries.push({ where: `${source.name} data source "${query.name}"`, expr: query.query, variable: false });
  }
  return queries;
}
