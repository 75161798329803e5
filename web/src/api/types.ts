/**
 * The api's objects, read from the generated OpenAPI types: when a contract
 * changes, the generated file changes and everything here follows (or fails
 * to compile), so the studio cannot drift from the api.
 */
import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Success<R> = R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer B } ? JsonOf<B> : never;

/** The JSON body of a route's success answer. */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R } ? Success<R> : never;
/** The JSON body a route takes. */
export type RequestOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type User = ResponseOf<'/api/v1/me', 'get'>;
export type Session = ResponseOf<'/api/v1/auth/login', 'post'>;
export type TokenPair = ResponseOf<'/api/v1/auth/refresh', 'post'>;
export type Project = ResponseOf<'/api/v1/projects/{id}', 'get'>;
export type ProjectPage = ResponseOf<'/api/v1/projects', 'get'>;
export type ProjectDocument = ResponseOf<'/api/v1/projects/{id}/export', 'get'>;
export type Track = ResponseOf<'/api/v1/projects/{projectId}/tracks/{id}', 'patch'>;
export type Clip = ResponseOf<'/api/v1/projects/{projectId}/clips/{id}', 'patch'>;
export type Marker = ResponseOf<'/api/v1/projects/{projectId}/markers/{id}', 'patch'>;
export type TakeGroup = ResponseOf<'/api/v1/projects/{projectId}/takes/{id}', 'patch'>;
export type AudioFile = ResponseOf<'/api/v1/audio/{id}', 'get'>;
export type WaveformPeaks = ResponseOf<'/api/v1/audio/{id}/peaks', 'get'>;

export type CreateProject = RequestOf<'/api/v1/projects', 'post'>;
export type UpdateProject = RequestOf<'/api/v1/projects/{id}', 'patch'>;
export type CreateTrack = RequestOf<'/api/v1/projects/{projectId}/tracks', 'post'>;
export type UpdateTrack = RequestOf<'/api/v1/projects/{projectId}/tracks/{id}', 'patch'>;
export type CreateClip = RequestOf<'/api/v1/projects/{projectId}/clips', 'post'>;
export type UpdateClip = RequestOf<'/api/v1/projects/{projectId}/clips/{id}', 'patch'>;
export type CreateMarker = RequestOf<'/api/v1/projects/{projectId}/markers', 'post'>;
export type UpdateMarker = RequestOf<'/api/v1/projects/{projectId}/markers/{id}', 'patch'>;
export type MarkerKind = NonNullable<CreateMarker['kind']>;
