import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version in the package.json one level above `dir` (a deployable's src/ or dist/). */
export function packageVersion(dir: string): string {
  const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
