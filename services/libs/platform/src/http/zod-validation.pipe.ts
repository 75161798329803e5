import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import type { FieldIssue } from '@dawg/contracts';
import { AppError } from '../errors/app-error';

/** Validates a body, query or params object with a zod schema; failures become 400 VALIDATION_FAILED with field paths. */
@Injectable()
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw AppError.validation(toFieldIssues(result.error));
  }
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
