/* global open, __VU, __ITER */
/**
 * REST: sign up (or in) once, then each VU lists its projects, creates one and
 * opens it, with a second of thinking between rounds.
 *   k6 run -e BASE_URL=https://dawg.example.com load-tests/rest.js
 * Thresholds: p95 under 300 ms, no failed request, every check passing.
 */
import { sleep } from 'k6';
import { loadOptions, send, session } from './lib/dawg.js';

const plan = JSON.parse(open('./scenarios.json'));
const scenario = plan.scenarios.rest;

export const options = loadOptions(scenario, plan.thresholds);

export function setup() {
  return session(plan);
}

export default function (data) {
  const vars = { vu: __VU, iteration: __ITER };
  for (const request of scenario.requests) send(request, vars, data.token);
  sleep(scenario.load.thinkSeconds);
}
