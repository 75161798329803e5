import { GenerationProviderError, type ProviderName, errorForStatus } from './provider-error';

/** Far above any clip a provider makes (30 s of stereo 48 kHz float WAV is 12 MB); stops a runaway download. */
export const MAX_AUDIO_BYTES = 200 * 1024 * 1024;

const TYPE_BY_EXTENSION: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg', flac: 'audio/flac', ogg: 'audio/ogg', m4a: 'audio/mp4' };

/**
 * Downloads a provider's output file. The content type is the server's,
 * unless it is missing or generic, then the file extension's, then
 * `fallbackType`. Rejects on a non-2xx answer, an empty file or one over
 * `maxBytes`; an abort of `signal` stops the transfer.
 */
export async function downloadAudio(
  url: string,
  options: { provider: ProviderName; signal: AbortSignal; fallbackType: string; headers?: Record<string, string>; maxBytes?: number },
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const { provider, signal, maxBytes = MAX_AUDIO_BYTES } = options;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: options.headers, redirect: 'follow' });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new GenerationProviderError(provider, 'UNAVAILABLE', `could not download the audio from ${new URL(url).origin}: ${(err as Error).message}`, { cause: err });
  }
  if (!response.ok) throw errorForStatus(provider, response.status, `downloading the audio: ${await response.text().catch(() => '')}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new GenerationProviderError(provider, 'INVALID_OUTPUT', `the audio file is ${declared} bytes, over the ${maxBytes}-byte limit`);
  }

  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body?.cancel();
      throw new GenerationProviderError(provider, 'INVALID_OUTPUT', `the audio file is over the ${maxBytes}-byte limit`);
    }
    chunks.push(chunk);
  }
  if (total === 0) throw new GenerationProviderError(provider, 'INVALID_OUTPUT', 'the audio file is empty');
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, contentType: contentTypeOf(response.headers.get('content-type'), url, options.fallbackType) };
}

function contentTypeOf(header: string | null, url: string, fallback: string): string {
  const declared = header?.split(';')[0]!.trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream' && declared !== 'binary/octet-stream') return declared;
  const extension = /\.(\w+)$/.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return (extension && TYPE_BY_EXTENSION[extension]) || fallback;
}
