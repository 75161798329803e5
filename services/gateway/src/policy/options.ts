import { checkPath } from './path-rules';
import { deny, type Denial, type PolicyContext } from './decision';

/** What an option's value must be. */
export type ValueRule =
  | { kind: 'path'; access: 'read' | 'write' }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'pattern'; pattern: RegExp; describe: string }
  | { kind: 'text' };

export interface OptionSpec {
  /** Absent: a flag. `required`: `-x VALUE`, `-xVALUE`, `--opt VALUE`, `--opt=VALUE`. `inline`: only `--opt=VALUE` (or the bare flag). */
  value?: ValueRule;
  inline?: boolean;
}

/** An option known to open an escape, refused with its own rule and reason. */
export interface DeniedOption {
  rule: string;
  reason: string;
}

export interface OptionTable {
  /** Single-letter options, keyed without the dash: `l`, `e`. */
  short: Record<string, OptionSpec>;
  /** Long options, keyed without the dashes: `recursive`. */
  long: Record<string, OptionSpec>;
  /** Refused options, keyed as written: `-L`, `--dereference`, `--upload-pack`. */
  denied?: Record<string, DeniedOption>;
}

export interface ParsedArgs {
  /** The options as validated, in order, each as one or two argv elements. */
  options: string[];
  /** Operands, in order. */
  operands: string[];
  /** Names of the options seen (`-e`, `--regexp`), for rules such as "the first operand is the pattern unless -e was given". */
  seen: Set<string>;
}

/**
 * Splits arguments into options and operands the way getopt_long does
 * (clusters `-la`, attached values `-n5`, `--opt=value`, `--` ending the
 * options; options may follow operands, as GNU tools allow), and refuses any
 * option that is not in the table: an unknown dash argument is exactly how
 * argument injection works, so it is never passed through. Known-dangerous
 * options get their own rule.
 */
export function parseOptions(command: string, args: string[], table: OptionTable, ctx: PolicyContext): ParsedArgs | Denial {
  const options: string[] = [];
  const operands: string[] = [];
  const seen = new Set<string>();
  let endOfOptions = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (endOfOptions || arg === '-' || !arg.startsWith('-')) {
      operands.push(arg);
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const denied = deniedFor(table, `--${name}`);
      if (denied) return deny(denied.rule, denied.reason);
      const spec = table.long[name];
      if (!spec) return unknown(command, `--${name}`);
      seen.add(`--${name}`);
      if (!spec.value) {
        if (eq !== -1) return deny('args.option-value', `${command} --${name} takes no value`);
        options.push(arg);
        continue;
      }
      let value: string | undefined;
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (!spec.inline) value = args[++i];
      if (value === undefined) {
        if (spec.inline) {
          options.push(arg);
          continue;
        }
        return deny('args.option-value', `${command} --${name} needs a value`);
      }
      const bad = checkValue(command, `--${name}`, value, spec.value, ctx);
      if (bad) return bad;
      options.push(`--${name}=${value}`);
      continue;
    }
    // A cluster of short options: -la, -n5, -e PATTERN.
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      const denied = deniedFor(table, `-${letter}`);
      if (denied) return deny(denied.rule, denied.reason);
      const spec = table.short[letter];
      if (!spec) return unknown(command, `-${letter}`);
      seen.add(`-${letter}`);
      if (!spec.value) {
        options.push(`-${letter}`);
        continue;
      }
      const attached = arg.slice(j + 1);
      const value = attached !== '' ? attached : args[++i];
      if (value === undefined) return deny('args.option-value', `${command} -${letter} needs a value`);
      const bad = checkValue(command, `-${letter}`, value, spec.value, ctx);
      if (bad) return bad;
      options.push(`-${letter}`, value);
      break;
    }
  }
  return { options, operands, seen };
}

function deniedFor(table: OptionTable, name: string): DeniedOption | undefined {
  return table.denied && Object.prototype.hasOwnProperty.call(table.denied, name) ? table.denied[name] : undefined;
}

function unknown(command: string, option: string): Denial {
  return deny('args.unknown-option', `${command} ${option} is not an option this gateway allows (options are checked against a list, so injected ones cannot slip through)`);
}

function checkValue(command: string, option: string, value: string, rule: ValueRule, ctx: PolicyContext): Denial | undefined {
  switch (rule.kind) {
    case 'path':
      return checkPath(value, rule.access, ctx);
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n) || n < rule.min || n > rule.max) {
        return deny('args.option-value', `${command} ${option} takes a number from ${rule.min} to ${rule.max}`);
      }
      return undefined;
    }
    case 'pattern':
      return rule.pattern.test(value) ? undefined : deny('args.option-value', `${command} ${option} takes ${rule.describe}`);
    case 'text':
      return undefined;
  }
}
