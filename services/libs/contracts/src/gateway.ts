import { z } from 'zod';

/**
 * The SSH gateway: keys registered through the api (`/ssh-keys`), and the
 * gateway's admin REST (`/gateway/...`): live sessions, principal locks,
 * approvals of privileged commands, and the command audit.
 */

// ---------------------------------------------------------------- SSH keys

/**
 * What an SSH key may do on the gateway. `gateway:exec` runs the base
 * allowlist; `gateway:ai-cli` may request AI-CLI commands (node, python3,
 * npx, gh and AI CLIs; only when the gateway enables them, and each one
 * needs an admin's approval); `gateway:admin`, granted by admins only, may
 * request privileged base commands (git over the network), also approved
 * one by one.
 */
export const SSH_KEY_SCOPES = ['gateway:exec', 'gateway:ai-cli', 'gateway:admin'] as const;
export type SshKeyScope = (typeof SSH_KEY_SCOPES)[number];
export const ADMIN_ONLY_SSH_KEY_SCOPES: readonly SshKeyScope[] = ['gateway:admin'];

/** Key types the gateway verifies. RSA keys sign with rsa-sha2-256/512 only (never SHA-1). */
export const SSH_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa'] as const;
export type SshKeyAlgorithm = (typeof SSH_KEY_ALGORITHMS)[number];

/** An AI agent's label, e.g. `claude-code` or `release-bot`: shown in sessions, approvals and the audit. */
export const agentLabelSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'must be 1-63 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit');

export const createSshKeyRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(80),
  /** One line of an OpenSSH public key file: `ssh-ed25519 AAAA... comment`. */
  publicKey: z.string().trim().min(1, 'must not be empty').max(16_384),
  scopes: z.array(z.enum(SSH_KEY_SCOPES)).min(1, 'must name at least one scope').max(SSH_KEY_SCOPES.length),
  /** Set for a key an AI agent uses; omitted for a person's own key. */
  agent: agentLabelSchema.optional(),
  /** Days until the key stops working; omitted means it never expires. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateSshKeyRequest = z.infer<typeof createSshKeyRequestSchema>;

export const sshKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  agent: z.string().nullable(),
  algorithm: z.string(),
  /** `SHA256:<base64>`, as `ssh-keygen -l` prints it. */
  fingerprint: z.string(),
  /** `<algorithm> <base64>`, without the comment. */
  publicKey: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type SshKey = z.infer<typeof sshKeySchema>;
export const sshKeyListSchema = z.object({ items: z.array(sshKeySchema) });

// ---------------------------------------------------------------- sessions

export const gatewaySessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  agent: z.string().nullable(),
  sshKeyId: z.string(),
  /** The user name the client sent (informational: the key decides who it is). */
  username: z.string(),
  ip: z.string(),
  /** The gateway replica holding the connection. */
  replica: z.string(),
  startedAt: z.string(),
  /** When the session's TTL ends it. */
  expiresAt: z.string(),
  lastActivityAt: z.string(),
  /** The command running now, if any (control characters neutralised). */
  running: z.string().nullable(),
});
export type GatewaySession = z.infer<typeof gatewaySessionSchema>;
export const gatewaySessionListSchema = z.object({ items: z.array(gatewaySessionSchema) });

export const gatewaySessionParamsSchema = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }) });
export const gatewayUserParamsSchema = z.strictObject({ userId: z.uuid({ message: 'must be a UUID' }) });

// ---------------------------------------------------------------- locks

export const lockPrincipalRequestSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });
export type LockPrincipalRequest = z.infer<typeof lockPrincipalRequestSchema>;

export const principalLockSchema = z.object({
  userId: z.string(),
  lockedBy: z.string().nullable(),
  reason: z.string().nullable(),
  lockedAt: z.string(),
});
export type PrincipalLock = z.infer<typeof principalLockSchema>;
export const principalLockListSchema = z.object({ items: z.array(principalLockSchema) });
/** The answer to a lock: the lock, and how many live sessions were told to end. */
export const lockPrincipalResponseSchema = z.object({ lock: principalLockSchema, sessionsEnding: z.number().int().nonnegative() });
export type LockPrincipalResponse = z.infer<typeof lockPrincipalResponseSchema>;

// ---------------------------------------------------------------- approvals

export const APPROVAL_STATUSES = ['pending', 'approved', 'denied', 'expired', 'consumed'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const approvalSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  requesterId: z.string(),
  agent: z.string().nullable(),
  /** The exact argv the approval is bound to (control characters neutralised for display). */
  argv: z.array(z.string()),
  /** The argv quoted back into one line, for people. */
  line: z.string(),
  cwd: z.string(),
  /** The policy rule that made the command privileged. */
  rule: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type Approval = z.infer<typeof approvalSchema>;
export const approvalListSchema = z.object({ items: z.array(approvalSchema) });
export const approvalListQuerySchema = z.strictObject({
  status: z.enum(APPROVAL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ApprovalListQuery = z.infer<typeof approvalListQuerySchema>;
export const decideApprovalRequestSchema = z.strictObject({ reason: z.string().trim().max(500).optional() });
export type DecideApprovalRequest = z.infer<typeof decideApprovalRequestSchema>;

// ---------------------------------------------------------------- command audit

export const COMMAND_DECISIONS = ['allowed', 'denied', 'approved', 'rejected', 'expired'] as const;
export type CommandDecision = (typeof COMMAND_DECISIONS)[number];
export const COMMAND_OUTCOMES = ['exited', 'signalled', 'timeout', 'output-limit', 'ended', 'failed-to-start'] as const;
export type CommandOutcome = (typeof COMMAND_OUTCOMES)[number];

export const gatewayCommandSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  userId: z.string(),
  agent: z.string().nullable(),
  mode: z.enum(['exec', 'shell']),
  /** The line as received, control characters neutralised (`\x1b`, `\n`, ...). */
  line: z.string(),
  argv: z.array(z.string()),
  cwd: z.string(),
  decision: z.enum(COMMAND_DECISIONS),
  rule: z.string(),
  reason: z.string().nullable(),
  approvalId: z.string().nullable(),
  approverId: z.string().nullable(),
  outcome: z.enum(COMMAND_OUTCOMES).nullable(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  bytesOut: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type GatewayCommand = z.infer<typeof gatewayCommandSchema>;
export const gatewayCommandListSchema = z.object({ items: z.array(gatewayCommandSchema) });
export const gatewayCommandListQuerySchema = z.strictObject({
  sessionId: z.uuid({ message: 'must be a UUID' }).optional(),
  userId: z.uuid({ message: 'must be a UUID' }).optional(),
  decision: z.enum(COMMAND_DECISIONS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type GatewayCommandListQuery = z.infer<typeof gatewayCommandListQuerySchema>;

/** A presigned link to a session's asciicast v2 transcript. */
export const transcriptLinkSchema = z.object({ sessionId: z.string(), url: z.string(), method: z.literal('GET'), expiresAt: z.string() });
export type TranscriptLink = z.infer<typeof transcriptLinkSchema>;
