import { Module } from '@nestjs/common';

/**
 * The voice service: real-time vocal analysis and voice sessions (Socket.IO /realtime-voice).
 * Its feature modules are imported here, so the voice deployable and
 * unified compose exactly the same thing.
 */
@Module({})
export class VoiceModule {}
