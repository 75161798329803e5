/**
 * Every key of every rendered object is one the Kubernetes API (or the CRD)
 * knows: schema validation alone lets unknown keys through (see fields.ts).
 */
import { id, type K8sObject, renderScenario, SCENARIOS } from './chart';
import { unknownFields } from './fields';

describe('rendered objects', () => {
  it('use only fields their kind defines, in every scenario', () => {
    const seen = new Set<string>();
    const objects: Array<{ label: string; object: K8sObject }> = [];
    for (const scenario of SCENARIOS) {
      for (const object of renderScenario(scenario).objects) {
        const key = JSON.stringify(object);
        if (seen.has(key)) continue;
        seen.add(key);
        objects.push({ label: `${scenario.name} ${id(object)}`, object });
      }
    }
    expect(unknownFields(objects)).toEqual([]);
  });

  it('would name a misspelled or misplaced field', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'probe-typo' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i:1', readinesProbe: {} }] } },
      },
    };
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { selector: {}, replicas: 2 } };
    const problems = unknownFields([
      { label: 'typo', object: deployment },
      { label: 'misplaced', object: pdb },
    ]);
    expect(problems).toEqual([expect.stringMatching(/^typo: .*'"?readinesProbe"?' does not exist/), expect.stringMatching(/^misplaced: .*'"?replicas"?' does not exist/)]);
  });
});
