import { type DynamicModule, Module } from '@nestjs/common';
import type { ClientEventSpecs } from '@dawg/contracts';
import { SOCKET_SERVER_OPTIONS, SocketServer, type SocketServerOptions } from './socket-server';

/**
 * One service's Socket.IO server. Create it once per service and import that
 * same module object wherever the service's features register handlers or
 * broadcast (e.g. `export const ApiSocketModule = RealtimeModule.forRoot({ service: 'api', events })`).
 * Needs PlatformModule and AuthModule (JwtVerifier) in the app.
 */
@Module({})
export class RealtimeModule {
  static forRoot<S extends ClientEventSpecs>(options: SocketServerOptions<S>): DynamicModule {
    return {
      module: RealtimeModule,
      providers: [{ provide: SOCKET_SERVER_OPTIONS, useValue: options }, SocketServer],
      exports: [SocketServer],
    };
  }
}
