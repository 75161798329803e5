// @ts-check
/**
 * Validates Kubernetes objects with the model classes of kubernetes-models
 * (core kinds) and its CRD packages (prometheus-operator, KEDA, Gateway API):
 * for each object, the class for its apiVersion/kind is constructed and
 * `.validate()` called. An object whose apiVersion/kind has no model is an
 * error, never skipped.
 *
 * It runs as a process of its own because these packages ship only as ES
 * modules, which Jest's CommonJS runtime cannot load.
 *
 *   stdin:  a JSON array of objects
 *   stdout: a JSON array with one entry per object: null when valid, else the error
 */
import { readFileSync } from 'node:fs';

/** Where models live, tried in order: `<package>/<group>/<version>/<Kind>` (core: `<package>/v1/<Kind>`). */
const PACKAGES = ['kubernetes-models', '@kubernetes-models/prometheus-operator', '@kubernetes-models/keda', '@kubernetes-models/gateway-api'];

/** @typedef {{ new (data: unknown): { validate(): void } }} ModelClass */

/** @type {Map<string, ModelClass | undefined>} */
const cache = new Map();

/**
 * The model class of an apiVersion/kind, or undefined when no package has one.
 * @param {string} apiVersion @param {string} kind @returns {Promise<ModelClass | undefined>}
 */
async function modelFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (cache.has(key)) return cache.get(key);
  /** @type {ModelClass | undefined} */
  let found;
  // Both become part of a module specifier: accept only what a real apiVersion and kind look like.
  if (/^([a-z0-9-]+(\.[a-z0-9-]+)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion) && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    for (const pkg of PACKAGES) {
      try {
        const mod = /** @type {Record<string, ModelClass>} */ (await import(`${pkg}/${apiVersion}/${kind}`));
        found = mod[kind];
        if (found) break;
      } catch (err) {
        const code = /** @type {{ code?: string }} */ (err).code;
        if (code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && code !== 'ERR_MODULE_NOT_FOUND') throw err;
      }
    }
  }
  cache.set(key, found);
  return found;
}

/** @param {unknown} object @returns {Promise<string | null>} */
async function validate(object) {
  if (typeof object !== 'object' || object === null) return 'not an object';
  const { apiVersion, kind } = /** @type {{ apiVersion?: unknown, kind?: unknown }} */ (object);
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return 'apiVersion or kind missing';
  const Model = await modelFor(apiVersion, kind);
  if (!Model) return `no model for ${apiVersion} ${kind}: an unknown kind (or one the chart must not render)`;
  try {
    new Model(object).validate();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
if (!Array.isArray(objects)) throw new Error('stdin must be a JSON array');
const results = [];
for (const object of objects) results.push(await validate(object));
process.stdout.write(JSON.stringify(results));
