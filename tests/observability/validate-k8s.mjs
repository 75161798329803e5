// @ts-check
/**
 * Validates Kubernetes objects against the API's schemas with
 * kubernetes-models (and @kubernetes-models/prometheus-operator for
 * monitoring.coreos.com). Those packages are ES modules only, which Jest's
 * CommonJS runtime cannot load, so tests run this script with node:
 *
 *   node tests/observability/validate-k8s.mjs < objects.json
 *
 * stdin: a JSON array of objects. stdout: a JSON array, one
 * { kind, name, error } per object (error null when it validates).
 */
import { text } from 'node:stream/consumers';

/** @param {string} apiVersion @param {string} kind */
function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'monitoring.coreos.com') return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
}

const objects = /** @type {Array<{ apiVersion: string, kind: string, metadata?: { name?: string } }>} */ (JSON.parse(await text(process.stdin)));
const results = [];
for (const object of objects) {
  const result = { kind: object.kind, name: object.metadata?.name ?? '', error: /** @type {string | null} */ (null) };
  try {
    const module = await import(modelModule(object.apiVersion, object.kind));
    const Model = module[object.kind] ?? module.default;
    if (typeof Model !== 'function') throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
    new Model(object).validate();
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  }
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
