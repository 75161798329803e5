import type { Redis } from 'ioredis';

/**
 * Counts each client IP's Socket.IO connections across every replica, in one
 * Redis hash per IP: a field per replica holding its count, and beside it the
 * time that replica last said it was alive.
 *
 * Why not one INCR/DECR counter with a TTL: live replicas would keep
 * refreshing the TTL, so the counts of a replica that crashed (and never
 * DECRed) would stick for as long as the IP keeps connecting somewhere. Here
 * each replica refreshes its own "alive" stamp every HEARTBEAT_MS; a count
 * whose stamp is older than STALE_MS is dropped by the next acquire, so a
 * crashed replica's connections stop counting within STALE_MS (30 s), and a
 * hash nobody refreshes expires by itself. Everything for one IP lives in one
 * key, so the scripts stay atomic (and would run on Redis Cluster).
 */
export class ConnectionLimiter {
  static readonly HEARTBEAT_MS = 10_000;
  static readonly STALE_MS = 30_000;
  /** Connections this replica holds, per IP: what it refreshes and what it gives back. */
  private readonly held = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly replicaId: string,
    private readonly maxPerIp: number,
  ) {
    this.heartbeat = setInterval(() => void this.refresh().catch(() => undefined), ConnectionLimiter.HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Takes a slot for `ip`; false when the IP already holds the maximum. */
  async acquire(ip: string): Promise<boolean> {
    const total = (await this.redis.eval(ACQUIRE, 1, this.key(ip), this.replicaId, String(this.maxPerIp), String(ConnectionLimiter.STALE_MS))) as number;
    if (total < 0) return false;
    this.held.set(ip, (this.held.get(ip) ?? 0) + 1);
    return true;
  }

  async release(ip: string): Promise<void> {
    const left = (this.held.get(ip) ?? 1) - 1;
    if (left > 0) this.held.set(ip, left);
    else this.held.delete(ip);
    await this.redis.eval(RELEASE, 1, this.key(ip), this.replicaId);
  }

  /** Stops the heartbeat and gives back every slot this replica holds (on shutdown). */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    const ips = [...this.held.keys()];
    this.held.clear();
    await Promise.allSettled(ips.map((ip) => this.redis.eval(FORGET, 1, this.key(ip), this.replicaId)));
  }

  private async refresh(): Promise<void> {
    if (this.held.size === 0) return;
    const pipeline = this.redis.pipeline();
    for (const ip of this.held.keys()) pipeline.eval(HEARTBEAT, 1, this.key(ip), this.replicaId, String(ConnectionLimiter.STALE_MS));
    await pipeline.exec();
  }

  private key(ip: string): string {
    return `${this.keyPrefix}ws:ip:${ip}`;
  }
}

// Fields: "c:<replica>" = connections, "t:<replica>" = last heartbeat (ms, Redis clock).
const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const ACQUIRE = `${NOW}
local key, me, max, stale = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local fields = redis.call('HGETALL', key)
local total = 0
for i = 1, #fields, 2 do
  local name = fields[i]
  if string.sub(name, 1, 2) == 'c:' then
    local replica = string.sub(name, 3)
    local seen = tonumber(redis.call('HGET', key, 't:' .. replica) or '0')
    if replica ~= me and now - seen > stale then
      redis.call('HDEL', key, name, 't:' .. replica)
    else
      total = total + tonumber(fields[i + 1])
    end
  end
end
if total >= max then return -1 end
redis.call('HINCRBY', key, 'c:' .. me, 1)
redis.call('HSET', key, 't:' .. me, now)
redis.call('PEXPIRE', key, stale)
return total + 1`;

const RELEASE = `
local left = redis.call('HINCRBY', KEYS[1], 'c:' .. ARGV[1], -1)
if left <= 0 then redis.call('HDEL', KEYS[1], 'c:' .. ARGV[1], 't:' .. ARGV[1]) end
return left`;

const HEARTBEAT = `${NOW}
if redis.call('HEXISTS', KEYS[1], 'c:' .. ARGV[1]) == 1 then
  redis.call('HSET', KEYS[1], 't:' .. ARGV[1], now)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1`;

const FORGET = `redis.call('HDEL', KEYS[1], 'c:' .. ARGV[1], 't:' .. ARGV[1]) return 1`;
