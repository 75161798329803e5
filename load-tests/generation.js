/* global open, __VU, __ITER */
/**
 * Generation: each VU asks for a beat (POST /api/v1/generate/beat, 202) and
 * polls GET /api/v1/generate/status/:jobId until the job is final; it must
 * have succeeded.
 *   k6 run -e BASE_URL=https://dawg.example.com load-tests/generation.js
 * generation_job_ms: from the request to the status that says succeeded.
 */
import { check, sleep } from 'k6';
import { Trend } from 'k6/metrics';
import { loadOptions, send, session } from './lib/dawg.js';

const plan = JSON.parse(open('./scenarios.json'));
const scenario = plan.scenarios.generation;

export const options = loadOptions(scenario, plan.thresholds);

const jobDuration = new Trend('generation_job_ms', true);

export function setup() {
  return session(plan);
}

export default function (data) {
  const vars = { seed: __VU * 100_000 + __ITER };
  const startedAt = Date.now();
  send(scenario.submit, vars, data.token);
  if (!vars.jobId) return;
  const deadline = startedAt + scenario.jobTimeoutSeconds * 1000;
  do {
    sleep(scenario.pollSeconds);
    send(scenario.status, vars, data.token);
  } while (!scenario.finalStates.includes(vars.state) && Date.now() < deadline);
  const succeeded = vars.state === scenario.succeededState;
  check(vars.state, { [`job ${scenario.succeededState} within ${scenario.jobTimeoutSeconds} s`]: () => succeeded });
  if (succeeded) jobDuration.add(Date.now() - startedAt);
  sleep(scenario.load.thinkSeconds);
}
