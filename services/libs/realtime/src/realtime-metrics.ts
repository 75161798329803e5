import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Socket.IO collectors, one set per registry: in `unified` the api's,
 * ai-brain's and voice's socket servers share them, told apart by `path`.
 */
export class RealtimeMetrics {
  private static readonly byRegistry = new WeakMap<Registry, RealtimeMetrics>();

  readonly connected: Gauge<'path'>;
  readonly received: Counter<'path' | 'event'>;
  readonly emitted: Counter<'path' | 'event'>;
  readonly refused: Counter<'path' | 'reason'>;

  private constructor(registry: Registry) {
    const registers = [registry];
    this.connected = new Gauge({ name: 'socketio_connected_sockets', help: 'Socket.IO clients connected to this process.', labelNames: ['path'], registers });
    this.received = new Counter({ name: 'socketio_events_received_total', help: 'Socket.IO events received from clients, by event name.', labelNames: ['path', 'event'], registers });
    this.emitted = new Counter({ name: 'socketio_events_emitted_total', help: 'Socket.IO events this process emitted (broadcasts and acks), by event name.', labelNames: ['path', 'event'], registers });
    this.refused = new Counter({ name: 'socketio_connections_refused_total', help: 'Socket.IO handshakes refused, by reason.', labelNames: ['path', 'reason'], registers });
  }

  static for(registry: Registry): RealtimeMetrics {
    let metrics = RealtimeMetrics.byRegistry.get(registry);
    if (!metrics) RealtimeMetrics.byRegistry.set(registry, (metrics = new RealtimeMetrics(registry)));
    return metrics;
  }
}
