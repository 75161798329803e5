import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@dawg/testing';

/**
 * Runs one of the repository's Node scripts with the Node running Jest. The
 * ES-module-only helpers (kubernetes-models, tools/helm.mjs) run this way,
 * outside Jest's CommonJS runtime.
 */
export function runNodeScript(script: string, args: string[] = [], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, script), ...args], { cwd: REPO_ROOT, encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ValidationResult {
  kind: string;
  name: string;
  error: string | null;
}

/** Each object checked against the Kubernetes (and prometheus-operator) schemas by tests/observability/validate-k8s.mjs. */
export function validateObjects(objects: unknown[]): ValidationResult[] {
  const result = runNodeScript('tests/observability/validate-k8s.mjs', [], JSON.stringify(objects));
  if (result.status !== 0) throw new Error(`validate-k8s.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ValidationResult[];
}
