import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { PlatformEnv } from '../config/platform-env';
import type { ReadinessRegistry } from './readiness';

/** Registers the object-storage readiness check for the configured driver. */
export async function registerStorageCheck(env: PlatformEnv, readiness: ReadinessRegistry): Promise<void> {
  if (env.STORAGE_DRIVER !== 'fs' || !env.STORAGE_FS_ROOT) return;
  const root = env.STORAGE_FS_ROOT;
  await mkdir(root, { recursive: true });
  readiness.register('storage', () => access(root, constants.R_OK | constants.W_OK));
}
