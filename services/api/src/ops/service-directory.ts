import type { Server } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { OPS_SERVICES, type OpsServiceName } from '@dawg/contracts';
import { loopbackUrl, PLATFORM_ENV, type PlatformEnv, SERVICE_INFO, type ServiceInfo } from '@dawg/platform';
import { OPS_SETTINGS, type OpsSettings } from './ops-settings';

/**
 * Where each service answers. With OPS_SERVICE_URLS set, at its URL; unset,
 * every module runs in this process and is reached over loopback, so calls
 * take the same path (auth, validation, HTTP client) in both layouts. The api
 * cannot call generation or ai-brain classes directly anyway: services depend
 * only on libraries.
 */
@Injectable()
export class ServiceDirectory {
  constructor(
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    @Inject(SERVICE_INFO) private readonly service: ServiceInfo,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  get mode(): 'in-process' | 'directory' {
    return this.settings.serviceUrls ? 'directory' : 'in-process';
  }

  /**
   * Services whose health is this process's own readiness: the api always;
   * in unified (no directory) every service, since they all live here.
   */
  inProcessServices(): OpsServiceName[] {
    return this.mode === 'in-process' && this.service.name === 'unified' ? [...OPS_SERVICES] : ['api'];
  }

  /** Services checked over HTTP at their /ready. The api is never among them: it reports itself. */
  remoteServices(): Array<{ name: OpsServiceName; url: string }> {
    return [...(this.settings.serviceUrls ?? [])].filter(([name]) => name !== 'api').map(([name, url]) => ({ name, url }));
  }

  /**
   * The base URL to call a service at, or undefined when it is not configured.
   * The api's own actions go to its configured URL (e.g. through the ingress) or to itself.
   */
  baseUrl(name: OpsServiceName): string | undefined {
    const configured = this.settings.serviceUrls?.get(name);
    if (configured) return configured;
    if (name === 'api' || this.mode === 'in-process') return this.loopbackUrl();
    return undefined;
  }

  private loopbackUrl(): string {
    return loopbackUrl(this.adapterHost.httpAdapter.getHttpServer() as Server, this.env.HOST);
  }
}
