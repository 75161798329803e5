import { BadRequestException, HttpException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { errorBodySchema } from '@dawg/contracts';
import { AppError } from './app-error';
import { toErrorResponse } from './error-body';

describe('toErrorResponse', () => {
  it('maps our own errors to their code and status with details', () => {
    const res = toErrorResponse(AppError.validation([{ path: 'bpm', message: 'too fast' }]), 'req-1');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'The request is invalid.', details: { issues: [{ path: 'bpm', message: 'too fast' }] }, requestId: 'req-1' },
    });
    expect(res.unexpected).toBe(false);
  });

  it('maps framework HTTP exceptions by status', () => {
    expect(toErrorResponse(new NotFoundException('Cannot GET /x'), 'r').body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Cannot GET /x' });
    expect(toErrorResponse(new BadRequestException(['a', 'b']), 'r').body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'a; b' });
  });

  it('maps request errors raised before routing (which Nest wraps by status) to their codes', () => {
    expect(toErrorResponse(new HttpException('Request body is too large', 413), 'r').body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(toErrorResponse(new HttpException('Unsupported Media Type', 415), 'r').body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('hides the text of unexpected errors and marks them for reporting', () => {
    const res = toErrorResponse(new Error('password=hunter2 leaked in a driver message'), 'r');
    expect(res.status).toBe(500);
    expect(res.unexpected).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    const outage = toErrorResponse(new ServiceUnavailableException('db at 10.0.0.3 down'), 'r');
    expect(outage.body.error.message).not.toContain('10.0.0.3');
  });

  it('always produces the shared error body shape', () => {
    for (const err of [new Error('x'), AppError.notFound('Project'), new NotFoundException(), new HttpException('too large', 413), 'a string']) {
      expect(errorBodySchema.safeParse(toErrorResponse(err, 'id').body).success).toBe(true);
    }
  });
});
