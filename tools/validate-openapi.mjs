// @ts-check
/**
 * Validates an OpenAPI document read from stdin against the official
 * OpenAPI JSON schemas; prints the errors and exits 1 when it is invalid.
 * A script (not a library call) because the validator is ES-module-only.
 */
import { Validator } from '@seriousme/openapi-schema-validator';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const result = await new Validator().validate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
if (!result.valid) {
  process.stderr.write(`${JSON.stringify(result.errors, null, 2)}\n`);
  process.exit(1);
}
process.stdout.write('valid\n');
