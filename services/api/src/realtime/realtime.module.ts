import { Module } from '@nestjs/common';
import { ApiSocketModule } from './api-socket.module';
import { ConnectionGateway } from './connection.gateway';

/** The api's socket server and the events that are not any one feature's (ping). */
@Module({ imports: [ApiSocketModule], providers: [ConnectionGateway] })
export class ApiRealtimeModule {}
