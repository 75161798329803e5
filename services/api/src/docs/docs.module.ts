import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DocsController, DocsJsonController, OpenApiService } from './docs.controller';

/** The OpenAPI document and its UI. */
@Module({
  imports: [DiscoveryModule],
  controllers: [DocsController, DocsJsonController],
  providers: [OpenApiService],
  exports: [OpenApiService],
})
export class DocsModule {}
