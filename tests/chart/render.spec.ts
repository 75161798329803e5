/**
 * The chart, offline: helm lint --strict and helm template for every profile
 * and scenario file, the output compared with the committed golden files,
 * and every rendered object validated against the Kubernetes schemas
 * (kubernetes-models, and the prometheus-operator, KEDA and Gateway API
 * models for the CRDs).
 *
 * UPDATE_GOLDEN=1 npx jest tests/chart   rewrites tests/chart/golden/ from the current chart.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm } from '../../tools/helm.mjs';
import { CHART, id, renderScenario, SCENARIOS, scenarioArgs, validateModels } from './chart';

const GOLDEN = join(__dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * helm's output for the golden file, except the PrometheusRule's groups: they
 * are files/alert-rules.yaml (observability's, checked against the rendering in
 * values.spec.ts), and a change of an alert must not need new golden files.
 */
function goldenText(manifest: string): string {
  return manifest
    .split(/^---$/m)
    .map((doc) => (/^kind: PrometheusRule$/m.test(doc) ? doc.replace(/^spec:\n[\s\S]*$/m, 'spec:\n  groups: [] # the groups of files/alert-rules.yaml\n') : doc))
    .join('---');
}

describe.each(SCENARIOS)('scenario $name', (scenario) => {
  it('passes helm lint --strict', () => {
    const result = helm(['lint', '--strict', CHART, ...scenarioArgs(scenario)]);
    expect({ status: result.status, errors: result.stdout.split('\n').filter((l) => /\[(ERROR|WARNING)\]/.test(l)) }).toEqual({ status: 0, errors: [] });
  });

  it('renders what the golden file holds', () => {
    const manifest = goldenText(renderScenario(scenario).manifest);
    const file = join(GOLDEN, `${scenario.name}.yaml`);
    if (update) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, manifest);
    }
    if (!existsSync(file)) throw new Error(`no golden file ${file}: run UPDATE_GOLDEN=1 npx jest tests/chart`);
    expect(manifest).toBe(readFileSync(file, 'utf8'));
  });

  it('renders only objects that validate against their Kubernetes or CRD schema', () => {
    const { objects } = renderScenario(scenario);
    const errors = validateModels(objects);
    const invalid = objects.flatMap((o, i) => (errors[i] ? [`${id(o)}: ${errors[i]}`] : []));
    expect(invalid).toEqual([]);
    expect(objects.length).toBeGreaterThan(10);
  });
});

describe('golden files', () => {
  it('has one per scenario and none left over', () => {
    if (update) return;
    const files = readdirSync(GOLDEN).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(SCENARIOS.map((s) => `${s.name}.yaml`).sort());
  });
});

describe('model validation', () => {
  it('fails an unknown kind instead of skipping it, and catches a wrong field type', () => {
    const errors = validateModels([
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 'two', selector: {}, template: {} } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } },
    ]);
    expect(errors[0]).toMatch(/no model for example\.com\/v1 Widget/);
    expect(errors[1]).toMatch(/replicas must be integer/);
    expect(errors[2]).toBeNull();
  });
});
