import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_WEB_ROOT, serveWebApp } from './web-app';

const WEB_ROOT = Symbol('WEB_ROOT');

@Injectable()
class WebAppRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_ROOT) private readonly root: string,
  ) {}

  /** Before the server listens: a route of our own, beside (never over) Nest's. */
  onModuleInit(): void {
    serveWebApp(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), this.root);
  }
}

/** The web studio (web/dist) at `/` of the unified process: `npm start` gives the whole studio at one URL. */
@Module({})
export class WebAppModule {
  static forRoot(options: { root?: string } = {}): DynamicModule {
    return { module: WebAppModule, providers: [{ provide: WEB_ROOT, useValue: options.root ?? DEFAULT_WEB_ROOT }, WebAppRoutes] };
  }
}
