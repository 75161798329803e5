import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { AudioController } from './audio.controller';
import { AudioRepository } from './audio.repository';
import { AudioService } from './audio.service';

/** The audio library. Object storage comes from the global StorageModule, entitlements from the global BillingModule. */
@Module({
  imports: [ProjectsModule],
  controllers: [AudioController],
  providers: [AudioRepository, AudioService],
})
export class AudioModule {}
