import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type VoiceAnalysis, voiceAnalysisSchema, type VoiceAnalyzeRequest, voiceAnalyzeRequestSchema } from '@dawg/contracts';
import { ApiDoc, credentialOf, RateLimit, ZodValidationPipe } from '@dawg/platform';
import { VoiceAnalysisService } from './voice-analysis.service';

@Controller('voice')
export class VoiceController {
  constructor(private readonly analysis: VoiceAnalysisService) {}

  @Post('analyze')
  @HttpCode(200)
  @RateLimit('general')
  @ApiDoc({
    summary: 'Judge a stored recording like a live take: pitch track, onsets against the tempo, vibrato, scores and feedback',
    response: voiceAnalysisSchema,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'SERVICE_UNAVAILABLE'],
  })
  analyze(@Body(new ZodValidationPipe(voiceAnalyzeRequestSchema)) body: VoiceAnalyzeRequest, @Req() req: FastifyRequest): Promise<VoiceAnalysis> {
    return this.analysis.analyze(credentialOf(req.headers), String(req.id), body);
  }
}
