/**
 * Unknown-field check for rendered objects. The JSON schemas behind
 * kubernetes-models' validate() (like the API's OpenAPI) allow any extra
 * key, so a misspelled `readinesProbe` or a key one level too deep would pass
 * validation and be dropped by the API server without a word. The models'
 * TypeScript types list every field, so each object is type-checked as an
 * object literal of its kind's interface: TypeScript's excess-property check
 * then names every key the API does not know, at any depth.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT, type K8sObject } from './chart';

/** The package whose types describe an apiVersion (the same packages validate-models.mjs uses). */
function typesPackage(apiVersion: string): string {
  const group = apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  if (group === 'monitoring.coreos.com') return '@kubernetes-models/prometheus-operator';
  if (group === 'keda.sh') return '@kubernetes-models/keda';
  if (group.startsWith('gateway.networking')) return '@kubernetes-models/gateway-api';
  return 'kubernetes-models';
}

/**
 * Type-checks `objects` against their kinds' interfaces. Returns one message
 * per problem, prefixed with the label of the object it is about.
 */
export function unknownFields(objects: ReadonlyArray<{ label: string; object: K8sObject }>): string[] {
  // A file that is never written: the compiler host serves it from memory. It lives
  // in the repository so that the models resolve from its node_modules.
  const file = join(ROOT, 'tests', 'chart', '__rendered-objects__.mts');
  const lines: string[] = [];
  objects.forEach(({ object }, i) => {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(object.kind)) throw new Error(`unexpected kind ${object.kind}`);
    lines.push(`import type { I${object.kind} as T${i} } from '${typesPackage(object.apiVersion)}/${object.apiVersion}/${object.kind}';`);
  });
  const firstObjectLine = lines.length;
  objects.forEach(({ object }, i) => lines.push(`export const o${i}: T${i} = ${JSON.stringify(object)};`));
  const source = lines.join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) => (name === file ? ts.createSourceFile(name, source, languageVersion) : getSourceFile(name, languageVersion, ...rest));
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);

  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    if (d.file?.fileName !== file || d.start === undefined) return message;
    const line = d.file.getLineAndCharacterOfPosition(d.start).line;
    const entry = line >= firstObjectLine ? objects[line - firstObjectLine] : undefined;
    return `${entry ? entry.label : `line ${line + 1}`}: ${message}`;
  });
}
