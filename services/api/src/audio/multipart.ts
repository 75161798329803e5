import type { Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';
import { AppError } from '@dawg/platform';

export interface FileUpload {
  fileName: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

export interface MultipartOptions {
  maxBytes: number;
  /** Called once with the first `headBytes` of the file (or all of it, if shorter); throw to refuse the upload early. */
  inspectHead?: { headBytes: number; inspect: (head: Buffer) => void };
}

/**
 * Reads a multipart/form-data body holding one file part named `file` (and a
 * few small text fields) into memory, refusing as early as it can: a body
 * over `maxBytes` fails with 413 as soon as the limit is passed, and
 * `inspectHead` can refuse a file by its first bytes before the rest arrives.
 * Uploaded audio is analysed whole (duration, peaks), so it is held in memory
 * anyway; the limit bounds that.
 */
export function readSingleFileUpload(body: Readable | undefined, contentType: string | undefined, options: MultipartOptions): Promise<FileUpload> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) {
    return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data with a part named "file".'));
  }
  if (!body) return Promise.reject(new AppError('BAD_REQUEST', 'The request has no body; send a part named "file".'));

  return new Promise<FileUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { fileName: string; chunks: Buffer[]; size: number } | undefined;
    let settled = false;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      body.unpipe(parser);
      // Keep reading (and discarding) so the client gets our answer instead of a reset connection.
      body.resume();
      reject(error);
    };

    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 10, fieldSize: 1024, fileSize: options.maxBytes } });
    } catch {
      reject(new AppError('BAD_REQUEST', 'The multipart body has no boundary.'));
      return;
    }

    parser.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    parser.on('file', (name: string, stream: Readable, fileName: string) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      const current = { fileName: fileName || 'upload', chunks: [] as Buffer[], size: 0 };
      file = current;
      let inspected = !options.inspectHead;
      stream.on('data', (chunk: Buffer) => {
        current.chunks.push(chunk);
        current.size += chunk.length;
        if (!inspected && current.size >= options.inspectHead!.headBytes) {
          inspected = true;
          try {
            options.inspectHead!.inspect(Buffer.concat(current.chunks));
          } catch (err) {
            fail(err as AppError);
          }
        }
      });
      stream.on('limit', () => fail(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the upload limit of ${options.maxBytes} bytes.`, { maxBytes: options.maxBytes })));
      stream.on('end', () => {
        if (!inspected && !settled) {
          inspected = true;
          try {
            options.inspectHead!.inspect(Buffer.concat(current.chunks));
          } catch (err) {
            fail(err as AppError);
          }
        }
      });
    });
    parser.on('error', () => fail(new AppError('BAD_REQUEST', 'The multipart body is malformed.')));
    parser.on('finish', () => {
      if (settled) return;
      if (!file) return fail(new AppError('BAD_REQUEST', 'The request has no part named "file".'));
      if (file.size === 0) return fail(new AppError('BAD_REQUEST', 'The uploaded file is empty.'));
      settled = true;
      resolve({ fileName: file.fileName, bytes: Buffer.concat(file.chunks, file.size), fields });
    });
    body.on('error', () => fail(new AppError('BAD_REQUEST', 'The upload was interrupted.')));
    body.pipe(parser);
  });
}
