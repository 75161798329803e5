/** Dependency-injection tokens provided by PlatformModule. */
export const PLATFORM_ENV = Symbol('PLATFORM_ENV');
export const SERVICE_INFO = Symbol('SERVICE_INFO');
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export interface ServiceInfo {
  /** The deployable's name: api, ai-brain, voice, generation, gateway or unified. */
  name: string;
  version: string;
  startedAt: number;
}
