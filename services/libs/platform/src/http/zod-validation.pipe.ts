import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import type { FieldIssue } from '@dawg/contracts';
import { AppError } from '../errors/app-error';

/**
 * Validates a body, query or params object with a zod schema; failures
 * become 400 VALIDATION_FAILED with field paths. Strings holding NUL are
 * refused first, for every input: PostgreSQL text cannot store them, and no
 * musician means one.
 */
@Injectable()
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const nul = findNul(value, []);
    if (nul) throw AppError.validation([{ path: nul.join('.'), message: 'must not contain NUL characters' }]);
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw AppError.validation(toFieldIssues(result.error));
  }
}

/** The path of the first string (value or key) containing U+0000, if any. */
function findNul(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = findNul(child, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
