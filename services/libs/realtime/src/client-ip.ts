import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * The client's address as Fastify sees it for HTTP requests (same TRUST_PROXY
 * rules), so a reverse proxy's X-Forwarded-For counts only from trusted hops.
 */
export function clientIpResolver(trustProxy: string): (req: IncomingMessage) => string {
  const trust = /^\d+$/.test(trustProxy)
    ? ((hops: number) => (_addr: string, i: number) => i < hops)(Number(trustProxy))
    : trustProxy === 'true'
      ? () => true
      : proxyAddr.compile(trustProxy.split(',').map((s) => s.trim()));
  return (req) => proxyAddr(req, trust);
}
