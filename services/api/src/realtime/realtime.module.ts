import { Module } from '@nestjs/common';
import { ApiSocketModule } from './api-socket.module';
import { ConnectionGateway } from './connection.gateway';
import { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';

/** The api's socket server and the events that are not any one feature's (ping, presence). */
@Module({ imports: [ApiSocketModule], providers: [ConnectionGateway, PresenceRepository, PresenceService] })
export class ApiRealtimeModule {}
