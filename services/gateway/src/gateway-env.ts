import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { envPart } from '@dawg/platform';
import { DEFAULT_AI_CLI_COMMANDS } from './policy/command-policy';

const ms = (what: string) => z.coerce.number().int().positive().describe(`milliseconds ${what}`);
const count = (what: string) => z.coerce.number().int().positive().describe(what);
const rate = z.string().regex(/^[1-9]\d*\/[1-9]\d*$/, 'must be failures/seconds, e.g. 10/900');
const commandList = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._+-]*(,[a-z0-9][a-z0-9._+-]*)*$/, 'must be a comma-separated list of command names');
const absoluteDirs = z
  .string()
  .refine((v) => v.split(',').every((p) => isAbsolute(p.trim())), 'must be a comma-separated list of absolute paths');

/**
 * The SSH gateway: the SSH listener (SSH_*), sessions, the command policy,
 * limits on each command, approvals and transcripts (GATEWAY_*).
 */
export const gatewayEnvPart = envPart(
  {
    SSH_ENABLED: z.stringbool().default(true).describe('true to run the SSH server (the admin REST works either way)'),
    SSH_HOST: z.string().optional().describe('the interface the SSH server listens on (defaults to HOST)'),
    SSH_PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .optional()
      .describe('the SSH port (default 2222; with NODE_ENV=test a free one, 0, so parallel test processes never collide)'),
    SSH_HOST_KEY_FILE: z
      .string()
      .optional()
      .describe(
        'the SSH host private key (OpenSSH or PEM; Ed25519, ECDSA or RSA), e.g. mounted from a Secret; a missing file is generated (Ed25519, mode 0600) on the first run. Unset: <DAWG_HOME>/ssh/host_ed25519_key (DAWG_HOME defaults to .dawg in the working directory), or a key per process with NODE_ENV=test',
      ),
    DAWG_HOME: z.string().optional().describe('where a local install keeps its data (npm start: .dawg in the repository); the gateway keeps a generated SSH host key there'),
    SSH_LOGIN_TIMEOUT_MS: ms('a connection gets to authenticate before it is closed').default(30_000),
    SSH_MAX_AUTH_ATTEMPTS: count('authentication attempts (any method) one connection may make').max(20).default(6),
    SSH_LOCKOUT: rate.default('10/900').describe('failed authentications/seconds after which a client IP is refused for the rest of the window (counted in Redis across replicas)'),
    SSH_MAX_UNAUTHENTICATED_PER_IP: count('connections one IP may hold open before authenticating, on one replica').default(10),
    SSH_KEEPALIVE_MS: ms('between SSH keepalives; three unanswered ones end the connection').default(15_000),
    GATEWAY_MAX_SESSIONS: count('SSH sessions at once across every replica (held in Redis)').default(6),
    GATEWAY_MAX_SESSIONS_PER_USER: count('SSH sessions one user (their agents included) may hold at once across every replica').default(6),
    GATEWAY_SESSION_TTL_MS: ms('a session may last, however active; then it and its processes end').default(3_600_000),
    GATEWAY_SESSION_IDLE_MS: ms('a session may sit with no input and nothing running before it ends').default(600_000),
    GATEWAY_SESSION_LEASE_MS: ms('a replica\'s hold on each of its sessions lasts without renewal (renewed every quarter of it): a replica that dies frees its sessions\' slots within this')
      .min(2_000)
      .default(20_000),
    GATEWAY_WORKSPACE_ROOT: z
      .string()
      .refine(isAbsolute, 'must be an absolute path')
      .optional()
      .describe('where each user\'s workspace directory is made (default: <tmpdir>/dawg-gateway-<uid>)'),
    GATEWAY_READ_ROOTS: absoluteDirs.optional().describe('more directories commands may read (never write), comma-separated absolute paths'),
    GATEWAY_COMMAND_PATH: z
      .string()
      .regex(/^\/[^:]*(:\/[^:]*)*$/, 'must be a colon-separated list of absolute directories')
      .default('/usr/local/bin:/usr/bin:/bin')
      .describe('the only directories allowed commands are looked up in (and the PATH they run with)'),
    GATEWAY_RUN_AS: z
      .string()
      .regex(/^\d+:\d+$/, 'must be uid:gid, e.g. 65534:65534')
      .default('65534:65534')
      .describe('uid:gid commands run as when the gateway runs as root (as non-root they run as the gateway\'s own user)'),
    GATEWAY_USER_UID_BASE: z.coerce
      .number()
      .int()
      .min(1000)
      .max(2_000_000_000)
      .optional()
      .describe(
        'when the gateway runs as root: give each user a uid of their own from this number up (recorded in gateway_user_uids; the gid stays GATEWAY_RUN_AS\'s), so one user\'s commands cannot reach another\'s workspace; unset, every command runs as GATEWAY_RUN_AS',
      ),
    GATEWAY_SANDBOX: z
      .enum(['auto', 'namespaces', 'off'])
      .default('auto')
      .describe(
        'how commands are isolated: auto runs each in new user, pid and mount namespaces (a /proc of its own; its whole process tree ends with it) where the OS allows unprivileged user namespaces, else without; namespaces requires them (the gateway refuses to start without); off never uses them',
      ),
    GATEWAY_COMMAND_TIMEOUT_MS: ms('one command may run before its process group is killed (editors get the session\'s remaining time)').default(60_000),
    GATEWAY_OUTPUT_MAX_BYTES: count('bytes of output (stdout and stderr) one command may send before it is killed').default(4 * 1024 * 1024),
    GATEWAY_COMMAND_CPU_SECONDS: count('CPU seconds one command may use (RLIMIT_CPU, through prlimit)').default(30),
    GATEWAY_COMMAND_MEMORY_MB: count('MiB of data memory one command may use (RLIMIT_DATA, through prlimit)').default(1024),
    GATEWAY_COMMAND_FILE_MB: count('MiB the largest file a command writes may reach (RLIMIT_FSIZE)').default(256),
    GATEWAY_COMMAND_MAX_PROCESSES: count('processes the commands\' user may have at once (RLIMIT_NPROC; counts every process of that uid)').default(256),
    GATEWAY_AI_CLI_ENABLED: z.stringbool().default(false).describe('true to allow AI-CLI commands (GATEWAY_AI_CLI_COMMANDS), each needing an admin\'s approval'),
    GATEWAY_AI_CLI_COMMANDS: commandList.default(DEFAULT_AI_CLI_COMMANDS.join(',')).describe('the AI-CLI commands, comma-separated'),
    GATEWAY_APPROVAL_TIMEOUT_MS: ms('a privileged command waits for an admin\'s approval before it is refused as expired').default(120_000),
    GATEWAY_TRANSCRIPTS: z.stringbool().default(true).describe('true to store each session\'s asciicast v2 transcript in object storage (when STORAGE_DRIVER is not none)'),
    GATEWAY_TRANSCRIPT_MAX_BYTES: count('bytes of one session\'s transcript kept; the rest is cut with a marker').default(8 * 1024 * 1024),
  },
  (env, ctx) => {
    if (env.GATEWAY_MAX_SESSIONS_PER_USER > env.GATEWAY_MAX_SESSIONS) {
      ctx.addIssue({ code: 'custom', path: ['GATEWAY_MAX_SESSIONS_PER_USER'], message: 'must not exceed GATEWAY_MAX_SESSIONS' });
    }
    if (env.GATEWAY_SESSION_IDLE_MS > env.GATEWAY_SESSION_TTL_MS) {
      ctx.addIssue({ code: 'custom', path: ['GATEWAY_SESSION_IDLE_MS'], message: 'must not exceed GATEWAY_SESSION_TTL_MS' });
    }
  },
);
export type GatewayEnvPart = z.infer<z.ZodObject<typeof gatewayEnvPart.shape>>;

/** Everything the gateway's modules read, resolved once from the environment. */
export interface GatewaySettings {
  /** NODE_ENV=production: a port that cannot be bound stops the process instead of leaving SSH off. */
  production: boolean;
  ssh: {
    enabled: boolean;
    host: string;
    port: number;
    /** Undefined: a key per process (tests). */
    hostKeyFile: string | undefined;
    loginTimeoutMs: number;
    maxAuthAttempts: number;
    lockout: { failures: number; windowSeconds: number };
    maxUnauthenticatedPerIp: number;
    keepaliveMs: number;
  };
  sessions: { max: number; maxPerUser: number; ttlMs: number; idleMs: number; leaseMs: number };
  workspaceRoot: string;
  readRoots: string[];
  commandPath: string[];
  runAs: { uid: number; gid: number };
  /** Per-user uids from here (root only); undefined: everyone runs as runAs. */
  userUidBase: number | undefined;
  sandbox: 'auto' | 'namespaces' | 'off';
  limits: { timeoutMs: number; outputMaxBytes: number; cpuSeconds: number; memoryBytes: number; fileBytes: number; maxProcesses: number };
  aiCli: { enabled: boolean; commands: string[] };
  approvalTimeoutMs: number;
  transcripts: { enabled: boolean; maxBytes: number };
  redisKeyPrefix: string;
}

export const GATEWAY_SETTINGS = Symbol('GATEWAY_SETTINGS');

export function gatewaySettingsFrom(env: GatewayEnvPart & { NODE_ENV: string; HOST: string; REDIS_KEY_PREFIX: string }): GatewaySettings {
  const [failures, windowSeconds] = env.SSH_LOCKOUT.split('/').map(Number) as [number, number];
  const [uid, gid] = env.GATEWAY_RUN_AS.split(':').map(Number) as [number, number];
  const test = env.NODE_ENV === 'test';
  return {
    production: env.NODE_ENV === 'production',
    ssh: {
      enabled: env.SSH_ENABLED,
      host: env.SSH_HOST ?? env.HOST,
      port: env.SSH_PORT ?? (test ? 0 : 2222),
      hostKeyFile: env.SSH_HOST_KEY_FILE ?? (test ? undefined : join(env.DAWG_HOME ?? join(process.cwd(), '.dawg'), 'ssh', 'host_ed25519_key')),
      loginTimeoutMs: env.SSH_LOGIN_TIMEOUT_MS,
      maxAuthAttempts: env.SSH_MAX_AUTH_ATTEMPTS,
      lockout: { failures, windowSeconds },
      maxUnauthenticatedPerIp: env.SSH_MAX_UNAUTHENTICATED_PER_IP,
      keepaliveMs: env.SSH_KEEPALIVE_MS,
    },
    sessions: {
      max: env.GATEWAY_MAX_SESSIONS,
      maxPerUser: env.GATEWAY_MAX_SESSIONS_PER_USER,
      ttlMs: env.GATEWAY_SESSION_TTL_MS,
      idleMs: env.GATEWAY_SESSION_IDLE_MS,
      leaseMs: env.GATEWAY_SESSION_LEASE_MS,
    },
    workspaceRoot: env.GATEWAY_WORKSPACE_ROOT ?? join(tmpdir(), `dawg-gateway-${process.getuid?.() ?? 'user'}`),
    readRoots: env.GATEWAY_READ_ROOTS ? env.GATEWAY_READ_ROOTS.split(',').map((p) => p.trim()) : [],
    commandPath: env.GATEWAY_COMMAND_PATH.split(':'),
    runAs: { uid, gid },
    userUidBase: env.GATEWAY_USER_UID_BASE,
    sandbox: env.GATEWAY_SANDBOX,
    limits: {
      timeoutMs: env.GATEWAY_COMMAND_TIMEOUT_MS,
      outputMaxBytes: env.GATEWAY_OUTPUT_MAX_BYTES,
      cpuSeconds: env.GATEWAY_COMMAND_CPU_SECONDS,
      memoryBytes: env.GATEWAY_COMMAND_MEMORY_MB * 1024 * 1024,
      fileBytes: env.GATEWAY_COMMAND_FILE_MB * 1024 * 1024,
      maxProcesses: env.GATEWAY_COMMAND_MAX_PROCESSES,
    },
    aiCli: { enabled: env.GATEWAY_AI_CLI_ENABLED, commands: env.GATEWAY_AI_CLI_COMMANDS.split(',') },
    approvalTimeoutMs: env.GATEWAY_APPROVAL_TIMEOUT_MS,
    transcripts: { enabled: env.GATEWAY_TRANSCRIPTS, maxBytes: env.GATEWAY_TRANSCRIPT_MAX_BYTES },
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
  };
}
