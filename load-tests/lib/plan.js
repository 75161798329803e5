// @ts-check
/**
 * The parts of a load scenario that k6 and Node both need, free of either's
 * APIs so both can import it: filling the templates of scenarios.json, and
 * k6's threshold expressions, evaluated the way k6 does for `npm run load:local`.
 */

/** @typedef {Record<string, unknown>} Vars */
/** @typedef {{ name: string, method: string, path: string, body?: unknown, expect: number, capture?: Record<string, string> }} ScenarioRequest */
/** @typedef {{ values: number[] }} TrendMetric a k6 trend: every sample, in ms */
/** @typedef {{ passes: number, total: number }} RateMetric a k6 rate: samples that were true, of all */

const own = (/** @type {object} */ object, /** @type {string} */ key) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * A copy of `template` with `{name}` filled from `vars`. A string that is
 * only `{name}` becomes the value itself, so numbers stay numbers.
 * @param {unknown} template @param {Vars} vars @returns {unknown}
 */
export function fill(template, vars) {
  if (typeof template === 'string') {
    const whole = /^\{(\w+)\}$/.exec(template);
    if (whole && own(vars, whole[1])) return vars[whole[1]];
    return template.replace(/\{(\w+)\}/g, (match, /** @type {string} */ name) => (own(vars, name) ? String(vars[name]) : match));
  }
  if (Array.isArray(template)) return template.map((item) => fill(item, vars));
  if (template && typeof template === 'object') {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, value] of Object.entries(template)) out[key] = fill(value, vars);
    return out;
  }
  return template;
}

/**
 * Copies the fields a request's `capture` names from its JSON answer into `vars`.
 * @param {ScenarioRequest} request @param {unknown} json @param {Vars} vars
 */
export function capture(request, json, vars) {
  if (!request.capture || !json || typeof json !== 'object') return;
  const answer = /** @type {Record<string, unknown>} */ (json);
  for (const [name, field] of Object.entries(request.capture)) vars[name] = answer[field];
}

/** @type {Record<string, number>} */
const UNIT_SECONDS = { ms: 0.001, s: 1, m: 60, h: 3600 };

/**
 * k6 duration strings ("90s", "5m", "1h30m", "500ms") in seconds.
 * @param {string} text @returns {number}
 */
export function durationSeconds(text) {
  let total = 0;
  let rest = String(text).trim();
  if (!rest) throw new Error('not a k6 duration: (empty)');
  while (rest) {
    const part = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!part) throw new Error(`not a k6 duration: ${text}`);
    total += Number(part[1]) * UNIT_SECONDS[part[2]];
    rest = rest.slice(part[0].length);
  }
  return total;
}

/**
 * The value at percentile p (0-100) of ascending `sorted`, k6's way (linear between ranks).
 * @param {number[]} sorted @param {number} p @returns {number}
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** @type {Record<string, (a: number, b: number) => boolean>} */
const COMPARE = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '===': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/**
 * One k6 threshold expression (`p(95)<300`, `rate==0`, `avg<200`, ...)
 * against a trend or a rate metric. A metric with no samples fails: nothing
 * was measured.
 * @param {string} expression @param {TrendMetric | RateMetric} metric
 * @returns {{ expression: string, value: number, ok: boolean }}
 */
export function evaluateThreshold(expression, metric) {
  const parsed = /^\s*(avg|min|max|med|count|rate|p\((\d+(?:\.\d+)?)\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(expression);
  if (!parsed) throw new Error(`threshold not understood: ${expression}`);
  const [, aggregate, p, operator, limitText] = parsed;
  /** @type {number} */
  let value;
  if ('passes' in metric) {
    if (aggregate === 'rate') value = metric.total ? metric.passes / metric.total : NaN;
    else if (aggregate === 'count') value = metric.total;
    else throw new Error(`${aggregate} applies to trends, not rates: ${expression}`);
  } else {
    const sorted = [...metric.values].sort((a, b) => a - b);
    if (aggregate === 'rate') throw new Error(`rate applies to rates, not trends: ${expression}`);
    else if (aggregate === 'count') value = sorted.length;
    else if (aggregate === 'avg') value = sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || NaN);
    else if (aggregate === 'min') value = sorted.length ? sorted[0] : NaN;
    else if (aggregate === 'max') value = sorted.length ? sorted[sorted.length - 1] : NaN;
    else if (aggregate === 'med') value = percentile(sorted, 50);
    else value = percentile(sorted, Number(p));
  }
  return { expression, value, ok: Number.isFinite(value) && COMPARE[operator](value, Number(limitText)) };
}
