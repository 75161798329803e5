import { Module } from '@nestjs/common';

/**
 * The api service: REST /api/v1 (accounts, projects, tracks, clips, audio, billing, chat history, costs, ops) and the main Socket.IO namespace.
 * Its feature modules are imported here, so the api deployable and
 * unified compose exactly the same thing.
 */
@Module({})
export class ApiModule {}
