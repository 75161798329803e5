/* global __ENV */
/**
 * What the k6 scripts share: the target, one request of a scenario (with its
 * check and its name tag, so URLs with ids group under one name), a session
 * for setup(), and the Engine.IO v4 / Socket.IO v5 packets the WebSocket
 * scenario speaks. The scenarios themselves are in ../scenarios.json, which
 * each script open()s (k6's open() works only in a script's init code);
 * template filling is in ./plan.js, shared with `npm run load:local`.
 */
import http from 'k6/http';
import { check, fail } from 'k6';
import { capture, fill } from './plan.js';

export { fill };

/** The target, without a trailing slash: `k6 run -e BASE_URL=https://dawg.example.com ...`. */
export const baseUrl = (__ENV.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

/** The scenario's load, unless VUS / DURATION are given (`-e VUS=50 -e DURATION=5m`). */
export function loadOptions(scenario, thresholds) {
  return {
    vus: Number(__ENV.VUS || scenario.load.vus),
    duration: __ENV.DURATION || scenario.load.duration,
    thresholds,
  };
}

/**
 * Sends one request of a scenario and checks its status. Returns the parsed
 * body (or null) and copies the fields named in `capture` into `vars`.
 */
export function send(request, vars, token) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let body = null;
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(fill(request.body, vars));
  }
  const res = http.request(request.method, `${baseUrl}${fill(request.path, vars)}`, body, { headers, tags: { name: request.name } });
  const ok = check(res, { [`${request.name} answers ${request.expect}`]: (r) => r.status === request.expect });
  let json = null;
  try {
    json = res.json();
  } catch {
    json = null;
  }
  // A refused request captures nothing: its error body must not overwrite, say, the version read last.
  if (ok) capture(request, json, vars);
  return json;
}

/**
 * setup(): an access token for the run. With DAWG_EMAIL and DAWG_PASSWORD it
 * logs in as that user; otherwise it registers a new one (one auth request
 * either way: RATE_LIMIT_AUTH allows only a few per IP).
 */
export function session(plan) {
  const random = `${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
  const existing = Boolean(__ENV.DAWG_EMAIL && __ENV.DAWG_PASSWORD);
  const vars = existing
    ? { email: __ENV.DAWG_EMAIL, password: __ENV.DAWG_PASSWORD }
    : { email: `k6-${random}@example.com`, password: fill(plan.auth.passwordForNewUsers, { random }) };
  const request = existing ? plan.auth.login : plan.auth.register;
  const json = send(request, vars, null);
  if (!json || !json.tokens || !json.tokens.accessToken) fail(`${request.name} gave no access token: is BASE_URL (${baseUrl}) a DAWG AI api?`);
  return { token: json.tokens.accessToken, email: vars.email };
}

/** The Socket.IO WebSocket URL of a path on the target (Engine.IO v4, WebSocket transport from the start). */
export function socketUrl(path) {
  return `${baseUrl.replace(/^http/, 'ws')}${path}?EIO=4&transport=websocket`;
}

/**
 * The Engine.IO / Socket.IO packets we speak, on the main namespace "/":
 * Engine.IO `0` open, `2` ping (answer `3` pong), `4` message, whose first
 * digit is the Socket.IO type: `0` connect (sent with the auth payload), `2`
 * event, `3` ack, `4` connect error; an event that wants an ack carries its
 * id between the type and the JSON.
 */
export const engineIo = {
  pong: '3',
  connect: (auth) => `40${JSON.stringify(auth)}`,
  emit: (ackId, event, payload) => `42${ackId}${JSON.stringify([event, payload])}`,
  /** { kind: 'open' | 'ping' | 'connected' | 'connect_error' | 'event' | 'ack' | 'other', id?, data? } */
  parse(raw) {
    const text = String(raw);
    if (text[0] === '0') return { kind: 'open', data: JSON.parse(text.slice(1)) };
    if (text === '2') return { kind: 'ping' };
    if (text[0] !== '4') return { kind: 'other' };
    const packet = /^4(\d)(\d*)([\s\S]*)$/.exec(text);
    if (!packet) return { kind: 'other' };
    const kinds = { 0: 'connected', 2: 'event', 3: 'ack', 4: 'connect_error' };
    const data = packet[3] ? JSON.parse(packet[3]) : undefined;
    return { kind: kinds[packet[1]] || 'other', id: packet[2] === '' ? undefined : Number(packet[2]), data };
  },
};
