import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aiBrainEnv } from '@dawg/ai-brain';
import { apiEnv } from '@dawg/api';
import { gatewayEnv } from '@dawg/gateway';
import { generationEnv } from '@dawg/generation';
import { renderEnvExample } from '@dawg/platform';
import { REPO_ROOT } from '@dawg/testing';
import { unifiedEnv } from '@dawg/unified';
import { voiceEnv } from '@dawg/voice';

describe('.env.example', () => {
  const committed = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');

  it('is exactly what the env schemas generate (run `npm run env:example` after changing one)', () => {
    const generated = renderEnvExample({ api: apiEnv, 'ai-brain': aiBrainEnv, voice: voiceEnv, generation: generationEnv, gateway: gatewayEnv });
    expect(committed).toBe(generated);
  });

  it('documents every variable unified reads, with a description', () => {
    for (const name of Object.keys(unifiedEnv.shape)) {
      expect(committed).toMatch(new RegExp(`^(# )?${name}=`, 'm'));
    }
    expect(committed).not.toContain('no description');
  });
});
