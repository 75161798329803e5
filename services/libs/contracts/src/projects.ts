import { z } from 'zod';

/**
 * Projects and everything inside them. Timeline positions are in beats
 * (quarter notes), so clips stay on the grid when the tempo changes; offsets
 * into a source recording and fades are in seconds of audio.
 *
 * Every mutable object carries `version`. A write must send the version it
 * last read; a stale one is refused with 409 CONFLICT (details.currentVersion),
 * never silently overwritten.
 */

export const idSchema = z.uuid({ message: 'must be a UUID' });
export const idParamsSchema = z.strictObject({ id: idSchema });
export const projectParamsSchema = z.strictObject({ projectId: idSchema });
export const projectItemParamsSchema = z.strictObject({ projectId: idSchema, id: idSchema });
export const projectMemberParamsSchema = z.strictObject({ projectId: idSchema, userId: idSchema });

const version = z.number().int().positive();
const name = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1e90ff');
const beat = z.number().min(0).max(100_000);
const positiveBeats = z.number().positive().max(100_000);

export const MUSICAL_KEYS = ['C', 'C#', 'Db', 'D', 'D#', 'Eb', 'E', 'F', 'F#', 'Gb', 'G', 'G#', 'Ab', 'A', 'A#', 'Bb', 'B'] as const;
export const SCALES = ['major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'locrian', 'harmonic-minor', 'melodic-minor'] as const;
export const musicalKeySchema = z.strictObject({ tonic: z.enum(MUSICAL_KEYS), scale: z.enum(SCALES) });
export const timeSignatureSchema = z.strictObject({
  numerator: z.number().int().min(1).max(32),
  denominator: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16), z.literal(32)]),
});

// ---------------------------------------------------------------- projects

const projectFields = {
  name,
  description: z.string().max(2000).optional(),
  bpm: z.number().min(20).max(400).optional(),
  timeSignature: timeSignatureSchema.optional(),
  key: musicalKeySchema.nullable().optional(),
  sampleRate: z.union([z.literal(44100), z.literal(48000), z.literal(88200), z.literal(96000)]).optional(),
};
export const createProjectRequestSchema = z.strictObject(projectFields);
export type CreateProjectRequest = z.infer<typeof createProjectRequestSchema>;

export const updateProjectRequestSchema = z.strictObject({ ...projectFields, name: name.optional(), version });
export type UpdateProjectRequest = z.infer<typeof updateProjectRequestSchema>;

export const PROJECT_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'name', '-name'] as const;
export const listProjectsQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(PROJECT_SORTS).default('-updatedAt'),
  /** Case-insensitive substring of the name. */
  q: z.string().max(120).optional(),
  /** `owned`: mine; `shared`: others' I collaborate on; `all` (default): both. */
  scope: z.enum(['all', 'owned', 'shared']).default('all'),
});
export type ListProjectsQuery = z.infer<typeof listProjectsQuerySchema>;

export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const projectSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  name: z.string(),
  description: z.string(),
  bpm: z.number(),
  timeSignature: z.object({ numerator: z.number(), denominator: z.number() }),
  key: z.object({ tonic: z.string(), scale: z.string() }).nullable(),
  sampleRate: z.number(),
  /** The caller's role in this project. */
  role: z.enum(PROJECT_ROLES),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectPageSchema = z.object({
  items: z.array(projectSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type ProjectPage = z.infer<typeof projectPageSchema>;

/** `?version=` on DELETE: optional; when sent it must be current. */
export const deleteQuerySchema = z.strictObject({ version: z.coerce.number().int().positive().optional() });
export type DeleteQuery = z.infer<typeof deleteQuerySchema>;

// ---------------------------------------------------------------- collaborators

export const addCollaboratorRequestSchema = z.strictObject({
  email: z.email({ message: 'must be an email address' }).max(320),
  role: z.enum(['editor', 'viewer']),
});
export type AddCollaboratorRequest = z.infer<typeof addCollaboratorRequestSchema>;
export const updateCollaboratorRequestSchema = z.strictObject({ role: z.enum(['editor', 'viewer']) });
export type UpdateCollaboratorRequest = z.infer<typeof updateCollaboratorRequestSchema>;

export const collaboratorSchema = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(PROJECT_ROLES),
  addedAt: z.string(),
});
export type Collaborator = z.infer<typeof collaboratorSchema>;
export const collaboratorListSchema = z.object({ items: z.array(collaboratorSchema) });

// ---------------------------------------------------------------- tracks

export const TRACK_KINDS = ['audio', 'midi'] as const;
const trackFields = {
  name,
  kind: z.enum(TRACK_KINDS),
  /** Fader level; -96 dB is treated as silence. */
  volumeDb: z.number().min(-96).max(12).optional(),
  /** -1 hard left .. 1 hard right. */
  pan: z.number().min(-1).max(1).optional(),
  mute: z.boolean().optional(),
  solo: z.boolean().optional(),
  /** 0-based position in the track list; omitted appends. */
  order: z.number().int().min(0).max(10_000).optional(),
  color: colour.optional(),
};
export const createTrackRequestSchema = z.strictObject(trackFields);
export type CreateTrackRequest = z.infer<typeof createTrackRequestSchema>;
// The kind of a track is fixed (its clips are either audio or MIDI), so an update naming it is refused as an unknown field.
const { kind: _kind, ...mutableTrackFields } = trackFields;
export const updateTrackRequestSchema = z.strictObject({ ...mutableTrackFields, name: name.optional(), version });
export type UpdateTrackRequest = z.infer<typeof updateTrackRequestSchema>;

export const trackSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  kind: z.enum(TRACK_KINDS),
  volumeDb: z.number(),
  pan: z.number(),
  mute: z.boolean(),
  solo: z.boolean(),
  order: z.number().int(),
  color: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Track = z.infer<typeof trackSchema>;
export const trackListSchema = z.object({ items: z.array(trackSchema) });

// ---------------------------------------------------------------- clips

export const midiNoteSchema = z.strictObject({
  pitch: z.number().int().min(0).max(127),
  /** Relative to the clip start. */
  startBeat: beat,
  lengthBeats: positiveBeats,
  velocity: z.number().int().min(1).max(127),
});
export type MidiNote = z.infer<typeof midiNoteSchema>;

const clipFields = {
  trackId: idSchema,
  name: z.string().trim().max(120).optional(),
  startBeat: beat,
  lengthBeats: positiveBeats,
  /** Where playback starts inside the source recording. */
  sourceOffsetSeconds: z.number().min(0).max(86_400).optional(),
  gainDb: z.number().min(-96).max(24).optional(),
  fadeInSeconds: z.number().min(0).max(3600).optional(),
  fadeOutSeconds: z.number().min(0).max(3600).optional(),
  /** Audio clips: an uploaded file of the caller's. */
  audioFileId: idSchema.nullable().optional(),
  /** MIDI clips: the notes. */
  notes: z.array(midiNoteSchema).max(20_000).optional(),
  /** Makes this clip a take of a take group (a recorded region). */
  takeGroupId: idSchema.nullable().optional(),
};
export const createClipRequestSchema = z.strictObject(clipFields);
export type CreateClipRequest = z.infer<typeof createClipRequestSchema>;
export const updateClipRequestSchema = z.strictObject({
  ...clipFields,
  trackId: idSchema.optional(),
  startBeat: beat.optional(),
  lengthBeats: positiveBeats.optional(),
  version,
});
export type UpdateClipRequest = z.infer<typeof updateClipRequestSchema>;

export const clipSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  trackId: z.string(),
  name: z.string(),
  startBeat: z.number(),
  lengthBeats: z.number(),
  sourceOffsetSeconds: z.number(),
  gainDb: z.number(),
  fadeInSeconds: z.number(),
  fadeOutSeconds: z.number(),
  audioFileId: z.string().nullable(),
  notes: z.array(z.object({ pitch: z.number(), startBeat: z.number(), lengthBeats: z.number(), velocity: z.number() })).nullable(),
  takeGroupId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Clip = z.infer<typeof clipSchema>;
export const clipListSchema = z.object({ items: z.array(clipSchema) });
export const listClipsQuerySchema = z.strictObject({ trackId: idSchema.optional() });

// ---------------------------------------------------------------- markers

export const MARKER_KINDS = ['intro', 'verse', 'pre-chorus', 'chorus', 'post-chorus', 'bridge', 'breakdown', 'drop', 'solo', 'outro', 'custom'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];
const markerFields = { name, kind: z.enum(MARKER_KINDS).optional(), beat, color: colour.optional() };
export const createMarkerRequestSchema = z.strictObject(markerFields);
export type CreateMarkerRequest = z.infer<typeof createMarkerRequestSchema>;
export const updateMarkerRequestSchema = z.strictObject({ ...markerFields, name: name.optional(), beat: beat.optional(), version });
export type UpdateMarkerRequest = z.infer<typeof updateMarkerRequestSchema>;
export const markerSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  kind: z.enum(MARKER_KINDS),
  beat: z.number(),
  color: z.string(),
  version: z.number().int(),
});
export type Marker = z.infer<typeof markerSchema>;
export const markerListSchema = z.object({ items: z.array(markerSchema) });

// ---------------------------------------------------------------- takes

/** A recorded region on one track; each clip in it is a take, and one take is active (the one that plays). */
export const createTakeGroupRequestSchema = z.strictObject({ trackId: idSchema, startBeat: beat, lengthBeats: positiveBeats, name: z.string().trim().max(120).optional() });
export type CreateTakeGroupRequest = z.infer<typeof createTakeGroupRequestSchema>;
export const updateTakeGroupRequestSchema = z.strictObject({ activeClipId: idSchema.nullable().optional(), name: z.string().trim().max(120).optional(), version });
export type UpdateTakeGroupRequest = z.infer<typeof updateTakeGroupRequestSchema>;
export const takeGroupSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  trackId: z.string(),
  name: z.string(),
  startBeat: z.number(),
  lengthBeats: z.number(),
  activeClipId: z.string().nullable(),
  /** The takes, oldest first. */
  clipIds: z.array(z.string()),
  version: z.number().int(),
});
export type TakeGroup = z.infer<typeof takeGroupSchema>;
export const takeGroupListSchema = z.object({ items: z.array(takeGroupSchema) });

// ---------------------------------------------------------------- export

export const PROJECT_DOCUMENT_FORMAT = 'dawg.project';
/** The whole project as one JSON document: what `GET /projects/:id/export` answers. */
export const projectDocumentSchema = z.object({
  format: z.literal(PROJECT_DOCUMENT_FORMAT),
  formatVersion: z.literal(1),
  exportedAt: z.string(),
  project: projectSchema.omit({ role: true }),
  tracks: z.array(trackSchema),
  clips: z.array(clipSchema),
  markers: z.array(markerSchema),
  takeGroups: z.array(takeGroupSchema),
  audioFiles: z.array(
    z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), durationSeconds: z.number(), sampleRate: z.number(), channels: z.number(), sizeBytes: z.number() }),
  ),
});
export type ProjectDocument = z.infer<typeof projectDocumentSchema>;
