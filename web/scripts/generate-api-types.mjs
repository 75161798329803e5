// @ts-check
/**
 * Generates web/src/api/schema.d.ts (the typed API client's paths and
 * operations) from the api's OpenAPI 3.1 document.
 *
 *   node web/scripts/generate-api-types.mjs                 # from http://localhost:8080/api/v1/docs.json (npm start)
 *   node web/scripts/generate-api-types.mjs <url|file>      # from another running api, or a saved document
 *   node web/scripts/generate-api-types.mjs - --stdout      # document on stdin, types on stdout (the drift test)
 *
 * tests/web/api-types.spec.ts regenerates the types from a freshly started
 * unified process and fails when they differ from the committed file, so a
 * contract change breaks the build instead of the studio
 * (`UPDATE_GOLDEN=1 npx jest tests/web/api-types` rewrites the file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '../src/api/schema.d.ts');
const HEADER = `/**
 * GENERATED from the api's OpenAPI document (/api/v1/docs.json) by
 * web/scripts/generate-api-types.mjs. Do not edit: regenerate with
 * \`UPDATE_GOLDEN=1 npx jest tests/web/api-types\` (or the script against a running api).
 */
`;

/** @param {unknown} document */
export async function generateApiTypes(document) {
  const ast = await openapiTS(/** @type {never} */ (document), { alphabetize: true });
  return HEADER + astToString(ast);
}

async function readDocument(/** @type {string} */ source) {
  if (source === '-') {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
    return res.json();
  }
  return JSON.parse(readFileSync(source, 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const source = args.find((a) => !a.startsWith('--')) ?? 'http://localhost:8080/api/v1/docs.json';
  const types = await generateApiTypes(await readDocument(source));
  if (args.includes('--stdout')) process.stdout.write(types);
  else {
    writeFileSync(OUTPUT, types);
    process.stderr.write(`wrote ${OUTPUT}\n`);
  }
}
