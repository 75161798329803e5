import { StorageNotConfiguredError } from './errors';
import type { ObjectStorage } from './object-storage';

/** STORAGE_DRIVER=none: the service runs, and every storage call answers 503 saying why. */
export class UnconfiguredStorage implements ObjectStorage {
  readonly driver = 'none';

  put(): Promise<never> {
    return this.refuse();
  }
  get(): Promise<never> {
    return this.refuse();
  }
  head(): Promise<never> {
    return this.refuse();
  }
  delete(): Promise<never> {
    return this.refuse();
  }
  deletePrefix(): Promise<never> {
    return this.refuse();
  }
  presignPut(): Promise<never> {
    return this.refuse();
  }
  presignGet(): Promise<never> {
    return this.refuse();
  }
  check(): Promise<never> {
    return this.refuse();
  }

  private refuse(): Promise<never> {
    return Promise.reject(new StorageNotConfiguredError());
  }
}
