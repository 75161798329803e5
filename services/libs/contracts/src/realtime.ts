import { z } from 'zod';
import { generationCompleteEventSchema, generationErrorEventSchema, generationProgressEventSchema } from './generation';
import { PROJECT_ROLES, projectSchema, trackSchema } from './projects';

/**
 * Socket.IO events of the api's main namespace (path `/socket.io`). The
 * `ServerToClientEvents` / `ClientToServerEvents` maps plug straight into
 * socket.io's generics on the server, the web client and the Redis emitter.
 */

// ----------------------------------------------------------------- acks

/** What a client's ack callback receives: the handler's result, or the one error shape (as in REST error bodies). */
export type SocketAck<T> = { ok: true; data: T } | { ok: false; error: SocketError };
export const socketErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  /** The correlation id of the event, also in the server's log lines. */
  requestId: z.string(),
});
export type SocketError = z.infer<typeof socketErrorSchema>;

/** Sent in `connect_error`'s `err.data` when the handshake is refused (bad token, too many connections, draining). */
export type SocketConnectError = Pick<SocketError, 'code' | 'message'>;

// ------------------------------------------------------- client → server

/** A client event: what it sends, validated on receipt, and what its ack carries. */
export interface ClientEventSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  result: Res;
}
export type ClientEventSpecs = Record<string, ClientEventSpec>;

const projectSubscription = z.strictObject({ projectId: z.uuid({ message: 'must be a UUID' }) });

export const apiClientEvents = {
  /** Join `project:<id>` to receive its changes; members only (a stranger gets NOT_FOUND). */
  'subscribe:project': { request: projectSubscription, result: z.object({ projectId: z.string(), role: z.enum(PROJECT_ROLES) }) },
  'unsubscribe:project': { request: projectSubscription, result: z.object({ projectId: z.string() }) },
  /** A latency probe: the ack (or, without one, a `pong` event) carries the server's clock. */
  ping: { request: z.strictObject({ clientTime: z.number().optional() }).optional(), result: z.object({ serverTime: z.number(), clientTime: z.number().optional() }) },
} satisfies ClientEventSpecs;

/** socket.io's client→server map for a spec: payload first, ack callback last. */
export type ClientToServerEventsOf<S extends ClientEventSpecs> = {
  [E in keyof S & string]: (payload: z.input<S[E]['request']>, ack: (response: SocketAck<z.output<S[E]['result']>>) => void) => void;
};
export type ClientToServerEvents = ClientToServerEventsOf<typeof apiClientEvents>;
export type ClientEventName = keyof typeof apiClientEvents;
export type ClientEventRequest<E extends ClientEventName> = z.output<(typeof apiClientEvents)[E]['request']>;
export type ClientEventResult<E extends ClientEventName> = z.output<(typeof apiClientEvents)[E]['result']>;

// ------------------------------------------------------- server → client

export const PROJECT_CHANGE_ENTITIES = ['project', 'collaborator', 'track', 'clip', 'marker', 'takeGroup'] as const;
export const CHANGE_ACTIONS = ['created', 'updated', 'deleted'] as const;
export const projectChangeSchema = z.object({
  entity: z.enum(PROJECT_CHANGE_ENTITIES),
  action: z.enum(CHANGE_ACTIONS),
  /** The id of what changed (the project, the track, the clip, ... or the collaborator's user id). */
  id: z.string(),
});
export type ProjectChange = z.infer<typeof projectChangeSchema>;

/** To `project:<id>` after any committed change in the project; clients refetch what `change` names. */
export const projectUpdatedEventSchema = z.object({
  projectId: z.string(),
  change: projectChangeSchema,
  /** Who made the change, so a client can skip echoes of its own edits. */
  actorId: z.string(),
  at: z.string(),
  /** The project's new state, when the change was to the project itself (its role field is the actor's). */
  project: projectSchema.omit({ role: true }).optional(),
});
export type ProjectUpdatedEvent = z.infer<typeof projectUpdatedEventSchema>;

/** To `project:<id>` after a change to a track or to a clip on it. */
export const trackUpdatedEventSchema = z.object({
  projectId: z.string(),
  trackId: z.string(),
  change: projectChangeSchema,
  actorId: z.string(),
  at: z.string(),
  /** The track's new state when the track itself was created or updated. */
  track: trackSchema.optional(),
});
export type TrackUpdatedEvent = z.infer<typeof trackUpdatedEventSchema>;

// generation:progress|complete|error (to `user:<id>`) are defined with the jobs, in ./generation.

export const NOTIFICATION_LEVELS = ['info', 'success', 'warning', 'error'] as const;
/** To `user:<id>`: something the musician should see (a shared project, a finished export, a billing notice). */
export const notificationEventSchema = z.object({
  id: z.string(),
  level: z.enum(NOTIFICATION_LEVELS),
  title: z.string(),
  body: z.string().optional(),
  /** Where the web app should take the musician when the notification is clicked. */
  link: z.string().optional(),
  at: z.string(),
});
export type NotificationEvent = z.infer<typeof notificationEventSchema>;

/** One person in a project's room: their tabs on every replica count once, since the earliest joined. */
export const presenceMemberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  /** One or two letters for an avatar. */
  initials: z.string(),
  /** The avatar's colour (`#rrggbb`), the same for a user everywhere (derived from the id). */
  colour: z.string(),
  /** When the user joined the room (their earliest tab still in it). */
  since: z.string(),
});
export type PresenceMember = z.infer<typeof presenceMemberSchema>;

/**
 * To `project:<id>` whenever someone subscribes to the project, unsubscribes
 * or disconnects: everyone in the room now. Replicas send snapshots
 * independently, so they can arrive out of order; a client keeps the one with
 * the latest `at` (when the snapshot was begun).
 */
export const presenceUpdatedEventSchema = z.object({
  projectId: z.string(),
  members: z.array(presenceMemberSchema),
  at: z.string(),
});
export type PresenceUpdatedEvent = z.infer<typeof presenceUpdatedEventSchema>;

export const pongEventSchema = apiClientEvents.ping.result;
export type PongEvent = z.infer<typeof pongEventSchema>;

/** Every event the api's namespace sends, with its schema (for clients that validate what they receive). */
export const serverEventSchemas = {
  'project:updated': projectUpdatedEventSchema,
  'track:updated': trackUpdatedEventSchema,
  'presence:updated': presenceUpdatedEventSchema,
  'generation:progress': generationProgressEventSchema,
  'generation:complete': generationCompleteEventSchema,
  'generation:error': generationErrorEventSchema,
  notification: notificationEventSchema,
  pong: pongEventSchema,
} as const;
export type ServerEventName = keyof typeof serverEventSchemas;
export type ServerEventPayload<E extends ServerEventName> = z.input<(typeof serverEventSchemas)[E]>;
export type ServerToClientEvents = { [E in ServerEventName]: (payload: ServerEventPayload<E>) => void };
