/**
 * Just enough PromQL reading to list the metric names an expression selects,
 * so a test can hold dashboards and alert rules to what the services
 * export. A small tokenizer, not a regular expression over the text: label
 * names (inside `{}` and in `by`/`without`/`on`/`ignoring`/`group_*` lists),
 * function and aggregation names, keywords, strings, numbers, durations and
 * ranges (`[5m]`, `[10m:30s]`) and Grafana variables (`$service`,
 * `$__rate_interval`) are never taken for metrics.
 */

const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan']);
/** Modifiers whose parenthesised list holds label names. */
const LABEL_LIST_MODIFIERS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

const IDENT_START = /[A-Za-z_:]/;
const IDENT = /[A-Za-z0-9_:]/;

/** The index just past the bracket that closes the one at `open`, skipping strings. */
function skipBalanced(text: string, open: number, opening: string, closing: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i) - 1;
      continue;
    }
    if (c === opening) depth++;
    else if (c === closing && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced ${opening} at ${open} in: ${text}`);
}

/** The index just past the string that starts at `start`. */
function skipString(text: string, start: number): number {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i + 1;
  }
  throw new Error(`unterminated string at ${start} in: ${text}`);
}

const nextNonSpace = (text: string, from: number): number => {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
};

/** The metric names a PromQL expression selects, in order of first use. */
export function promqlMetricNames(expr: string): string[] {
  const names: string[] = [];
  const add = (name: string) => void (names.includes(name) || names.push(name));
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(expr, i);
    } else if (c === '#') {
      while (i < expr.length && expr[i] !== '\n') i++;
    } else if (c === '{') {
      // A selector's matchers: only __name__ names a metric.
      const end = skipBalanced(expr, i, '{', '}');
      const byName = /__name__\s*=\s*"([^"]+)"/.exec(expr.slice(i, end));
      if (byName) add(byName[1]!);
      i = end;
    } else if (c === '[') {
      i = skipBalanced(expr, i, '[', ']');
    } else if (c === '$') {
      // A Grafana variable: $name or ${name}.
      i++;
      if (expr[i] === '{') i = skipBalanced(expr, i, '{', '}');
      else while (i < expr.length && IDENT.test(expr[i]!)) i++;
    } else if (/[0-9.]/.test(c)) {
      // A number or a duration (5m, 1h30m, 0x1f, 1e-3).
      i++;
      while (i < expr.length && /[0-9A-Za-z_.]/.test(expr[i]!)) i++;
      if ((expr[i] === '+' || expr[i] === '-') && /[eE]$/.test(expr.slice(0, i))) {
        i++;
        while (i < expr.length && /[0-9]/.test(expr[i]!)) i++;
      }
    } else if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < expr.length && IDENT.test(expr[end]!)) end++;
      const word = expr.slice(i, end);
      const after = nextNonSpace(expr, end);
      const lower = word.toLowerCase();
      if (LABEL_LIST_MODIFIERS.has(lower)) {
        i = expr[after] === '(' ? skipBalanced(expr, after, '(', ')') : end;
      } else if (AGGREGATIONS.has(lower) || KEYWORDS.has(lower) || expr[after] === '(') {
        // An aggregation, a keyword or a function call (its arguments are read as we go on).
        i = end;
      } else {
        add(word);
        i = end;
      }
    } else {
      i++;
    }
  }
  return names;
}

/**
 * The metric names a Grafana Prometheus variable query selects:
 * label_values(selector, label), query_result(expr), or a plain expression.
 * label_values(label) and metrics(regex) select none.
 */
export function grafanaVariableMetricNames(query: string): string[] {
  const call = /^\s*(label_values|query_result|metrics|label_names)\s*\(([\s\S]*)\)\s*$/.exec(query);
  if (!call) return promqlMetricNames(query);
  const [, fn, args] = call;
  if (fn === 'query_result') return promqlMetricNames(args!);
  if (fn === 'label_values') {
    const comma = args!.lastIndexOf(',');
    return comma < 0 ? [] : promqlMetricNames(args!.slice(0, comma));
  }
  return [];
}

/**
 * The series names a Prometheus text exposition offers, from its `# TYPE`
 * lines (present even before a labelled metric has its first sample): a
 * histogram offers name_bucket, name_sum and name_count (never the bare
 * name); a summary its name, name_sum and name_count; anything else its name.
 */
export function exposedSeriesNames(exposition: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of exposition.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)\s*$/.exec(line);
    if (!type) continue;
    const [, name, kind] = type as unknown as [string, string, string];
    if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.set(`${name}${suffix}`, kind);
    else if (kind === 'summary') for (const suffix of ['', '_sum', '_count']) names.set(`${name}${suffix}`, kind);
    else names.set(name, kind);
  }
  return names;
}
