/* global open, __VU */
/**
 * WebSocket: each VU owns a project; every round it opens a Socket.IO
 * connection on /socket.io/ (Engine.IO v4 over a WebSocket, the access token
 * in the CONNECT packet), sends subscribe:project and waits for its ack,
 * changes the project over REST and waits for project:updated.
 *   k6 run -e BASE_URL=https://dawg.example.com load-tests/websocket.js
 * socketio_update_ms: from sending the PATCH to receiving its project:updated.
 */
import ws from 'k6/ws';
import { check, sleep } from 'k6';
import { Trend } from 'k6/metrics';
import { engineIo, fill, loadOptions, send, session, socketUrl } from './lib/dawg.js';

const plan = JSON.parse(open('./scenarios.json'));
const scenario = plan.scenarios.websocket;

export const options = loadOptions(scenario, plan.thresholds);

const updateLatency = new Trend('socketio_update_ms', true);

export function setup() {
  return session(plan);
}

/** This VU's project (module state is per VU in k6). */
const vars = {};

export default function (data) {
  if (!vars.projectId) {
    vars.vu = __VU;
    send(scenario.createProject, vars, data.token);
    if (!vars.projectId) return;
  }
  const ackId = 0;
  let changedAt = 0;
  let subscribed = false;
  let received = false;

  const res = ws.connect(socketUrl(scenario.socketPath), { tags: { name: scenario.socketPath } }, (socket) => {
    socket.on('message', (raw) => {
      const packet = engineIo.parse(raw);
      if (packet.kind === 'open') socket.send(engineIo.connect({ token: data.token }));
      else if (packet.kind === 'ping') socket.send(engineIo.pong);
      else if (packet.kind === 'connect_error') {
        check(packet, { 'socket connects': () => false });
        socket.close();
      } else if (packet.kind === 'connected') {
        check(packet, { 'socket connects': () => true });
        socket.send(engineIo.emit(ackId, scenario.subscribe.event, fill(scenario.subscribe.payload, vars)));
      } else if (packet.kind === 'ack' && packet.id === ackId) {
        subscribed = Boolean(packet.data && packet.data[0] && packet.data[0].ok);
        check(packet, { [`${scenario.subscribe.event} acked ok`]: () => subscribed });
        if (!subscribed) return socket.close();
        vars.bpm = 90 + (Math.floor(Math.random() * 1000) % 60);
        changedAt = Date.now();
        send(scenario.change, vars, data.token);
      } else if (packet.kind === 'event' && packet.data[0] === scenario.expectEvent) {
        const event = packet.data[1];
        if (event.projectId !== vars.projectId || !changedAt) return;
        received = true;
        updateLatency.add(Date.now() - changedAt);
        socket.close();
      }
    });
    socket.setTimeout(() => socket.close(), scenario.eventTimeoutMs);
  });

  check(res, { 'socket upgraded (101)': (r) => r && r.status === 101 });
  check(received, { [`${scenario.expectEvent} received within ${scenario.eventTimeoutMs} ms`]: (r) => r === true });
  sleep(scenario.load.thinkSeconds);
}
