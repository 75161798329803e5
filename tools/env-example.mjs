// @ts-check
/** Prints .env.example from the deployables' env schemas (run `npm run build` first). */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { renderEnvExample } = require('@dawg/platform');
const schemas = {
  api: require('@dawg/api').apiEnv,
  'ai-brain': require('@dawg/ai-brain').aiBrainEnv,
  voice: require('@dawg/voice').voiceEnv,
  generation: require('@dawg/generation').generationEnv,
  gateway: require('@dawg/gateway').gatewayEnv,
};
process.stdout.write(renderEnvExample(schemas));
