import { Module } from '@nestjs/common';

/**
 * The gateway service: the SSH server for AI agents and operators, and its admin REST.
 * Its feature modules are imported here, so the gateway deployable and
 * unified compose exactly the same thing.
 */
@Module({})
export class GatewayModule {}
