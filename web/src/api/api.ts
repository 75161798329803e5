/**
 * What the studio asks of the api, in its own words. Each method is one
 * typed call through the generated client (paths, parameters and bodies are
 * checked against the OpenAPI document at compile time).
 */
import { type ApiClient, createApiClient, createPublicClient, unwrap } from './client';
import { ApiError } from './errors';
import { AuthSession, type LockManagerLike } from './session';
import type {
  AudioFile,
  Clip,
  CreateClip,
  CreateMarker,
  CreateProject,
  CreateTrack,
  Marker,
  Project,
  ProjectDocument,
  ProjectPage,
  Session,
  TakeGroup,
  Track,
  UpdateClip,
  UpdateMarker,
  UpdateProject,
  UpdateTrack,
  User,
  WaveformPeaks,
} from './types';

export type ProjectSort = 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt' | 'name' | '-name';

export class Api {
  readonly session: AuthSession;
  readonly client: ApiClient;
  private readonly anonymous: ApiClient;
  private readonly baseUrl: string;

  constructor(options: { baseUrl?: string; storage?: Storage | null; locks?: LockManagerLike | null; fetch?: typeof fetch } = {}) {
    const baseUrl = options.baseUrl ?? '';
    this.baseUrl = baseUrl;
    this.anonymous = createPublicClient(baseUrl, options.fetch);
    this.session = new AuthSession({
      storage: options.storage ?? null,
      locks: options.locks ?? null,
      refresh: (refreshToken) => unwrap(this.anonymous.POST('/api/v1/auth/refresh', { body: { refreshToken } })),
    });
    this.client = createApiClient(this.session, baseUrl, options.fetch);
  }

  // ------------------------------------------------------------ accounts

  async register(body: { email: string; password: string; displayName: string }): Promise<Session> {
    const session = await unwrap(this.anonymous.POST('/api/v1/auth/register', { body }));
    this.session.signIn(session);
    return session;
  }

  async login(body: { email: string; password: string }): Promise<Session> {
    const session = await unwrap(this.anonymous.POST('/api/v1/auth/login', { body }));
    this.session.signIn(session);
    return session;
  }

  async logout(): Promise<void> {
    const refreshToken = this.session.refreshTokenForLogout;
    this.session.signOut();
    if (refreshToken) await this.anonymous.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
  }

  me(): Promise<User> {
    return unwrap(this.client.GET('/api/v1/me'));
  }

  async updateMe(body: { displayName: string; version: number }): Promise<User> {
    const user = await unwrap(this.client.PUT('/api/v1/me', { body }));
    this.session.setUser(user);
    return user;
  }

  // ------------------------------------------------------------ projects

  listProjects(query: { q?: string; page?: number; pageSize?: number; sort?: ProjectSort } = {}): Promise<ProjectPage> {
    return unwrap(this.client.GET('/api/v1/projects', { params: { query: { sort: '-updatedAt', pageSize: 50, ...query, q: query.q || undefined } } }));
  }
  createProject(body: CreateProject): Promise<Project> {
    return unwrap(this.client.POST('/api/v1/projects', { body }));
  }
  getProject(id: string): Promise<Project> {
    return unwrap(this.client.GET('/api/v1/projects/{id}', { params: { path: { id } } }));
  }
  updateProject(id: string, body: UpdateProject): Promise<Project> {
    return unwrap(this.client.PATCH('/api/v1/projects/{id}', { params: { path: { id } }, body }));
  }
  deleteProject(id: string, version?: number): Promise<void> {
    return unwrap(this.client.DELETE('/api/v1/projects/{id}', { params: { path: { id }, query: { version } } }));
  }
  /** The whole project in one request: tracks, clips, markers, takes and audio files. */
  exportProject(id: string): Promise<ProjectDocument> {
    return unwrap(this.client.GET('/api/v1/projects/{id}/export', { params: { path: { id } } }));
  }

  // ------------------------------------------------------------ tracks

  listTracks(projectId: string): Promise<Track[]> {
    return unwrap(this.client.GET('/api/v1/projects/{projectId}/tracks', { params: { path: { projectId } } })).then((r) => r.items);
  }
  createTrack(projectId: string, body: CreateTrack): Promise<Track> {
    return unwrap(this.client.POST('/api/v1/projects/{projectId}/tracks', { params: { path: { projectId } }, body }));
  }
  updateTrack(projectId: string, id: string, body: UpdateTrack): Promise<Track> {
    return unwrap(this.client.PATCH('/api/v1/projects/{projectId}/tracks/{id}', { params: { path: { projectId, id } }, body }));
  }
  deleteTrack(projectId: string, id: string, version?: number): Promise<void> {
    return unwrap(this.client.DELETE('/api/v1/projects/{projectId}/tracks/{id}', { params: { path: { projectId, id }, query: { version } } }));
  }

  // ------------------------------------------------------------ clips

  listClips(projectId: string, trackId?: string): Promise<Clip[]> {
    return unwrap(this.client.GET('/api/v1/projects/{projectId}/clips', { params: { path: { projectId }, query: { trackId } } })).then((r) => r.items);
  }
  createClip(projectId: string, body: CreateClip): Promise<Clip> {
    return unwrap(this.client.POST('/api/v1/projects/{projectId}/clips', { params: { path: { projectId } }, body }));
  }
  updateClip(projectId: string, id: string, body: UpdateClip): Promise<Clip> {
    return unwrap(this.client.PATCH('/api/v1/projects/{projectId}/clips/{id}', { params: { path: { projectId, id } }, body }));
  }
  deleteClip(projectId: string, id: string, version?: number): Promise<void> {
    return unwrap(this.client.DELETE('/api/v1/projects/{projectId}/clips/{id}', { params: { path: { projectId, id }, query: { version } } }));
  }

  // ------------------------------------------------------------ markers and takes

  listMarkers(projectId: string): Promise<Marker[]> {
    return unwrap(this.client.GET('/api/v1/projects/{projectId}/markers', { params: { path: { projectId } } })).then((r) => r.items);
  }
  createMarker(projectId: string, body: CreateMarker): Promise<Marker> {
    return unwrap(this.client.POST('/api/v1/projects/{projectId}/markers', { params: { path: { projectId } }, body }));
  }
  updateMarker(projectId: string, id: string, body: UpdateMarker): Promise<Marker> {
    return unwrap(this.client.PATCH('/api/v1/projects/{projectId}/markers/{id}', { params: { path: { projectId, id } }, body }));
  }
  deleteMarker(projectId: string, id: string, version?: number): Promise<void> {
    return unwrap(this.client.DELETE('/api/v1/projects/{projectId}/markers/{id}', { params: { path: { projectId, id }, query: { version } } }));
  }
  listTakes(projectId: string): Promise<TakeGroup[]> {
    return unwrap(this.client.GET('/api/v1/projects/{projectId}/takes', { params: { path: { projectId } } })).then((r) => r.items);
  }

  // ------------------------------------------------------------ audio

  getAudio(id: string): Promise<AudioFile> {
    return unwrap(this.client.GET('/api/v1/audio/{id}', { params: { path: { id } } }));
  }
  peaks(id: string): Promise<WaveformPeaks> {
    return unwrap(this.client.GET('/api/v1/audio/{id}/peaks', { params: { path: { id } } }));
  }
  /** The recording's bytes (for decoding into an AudioBuffer). */
  async audioContent(id: string): Promise<ArrayBuffer> {
    const { response } = await this.client.GET('/api/v1/audio/{id}/content', { params: { path: { id } }, parseAs: 'stream' });
    if (!response.ok) throw await ApiError.from(response);
    return response.arrayBuffer();
  }

  /**
   * Uploads a file (multipart POST /audio) with progress. XMLHttpRequest, as
   * fetch cannot report upload progress; the same token handling as the client.
   */
  async uploadAudio(file: Blob, fileName: string, projectId: string, onProgress?: (fraction: number) => void): Promise<AudioFile> {
    const send = (token: string | null) =>
      new Promise<{ status: number; body: string; headers: Headers }>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${this.baseUrl}/api/v1/audio`);
        if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
        xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
        xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText, headers: new Headers({ 'retry-after': xhr.getResponseHeader('retry-after') ?? '' }) });
        xhr.onerror = () => reject(new TypeError('network error'));
        const form = new FormData();
        form.append('projectId', projectId);
        form.append('file', file, fileName);
        xhr.send(form);
      });
    const token = await this.session.token();
    let result = await send(token);
    if (result.status === 401 && token) result = await send(await this.session.recover(token));
    const body = result.body ? (JSON.parse(result.body) as unknown) : undefined;
    if (result.status >= 400) throw await ApiError.from(new Response(null, { status: result.status, headers: result.headers }), body);
    onProgress?.(1);
    return body as AudioFile;
  }
}
