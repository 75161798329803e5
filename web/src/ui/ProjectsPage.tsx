import { useCallback, useEffect, useId, useState } from 'react';
import type { Api } from '../api/api';
import { describeError } from '../api/errors';
import type { Project } from '../api/types';
import { importDawproject } from '../export/exports';
import { duplicateProject } from '../projects/duplicate';
import { Logo } from './AuthPage';
import { ConfirmDialog, Dialog, PromptDialog } from './Dialog';
import { navigate } from './router';
import { UserMenu } from './UserMenu';

type Action = { kind: 'create' } | { kind: 'rename'; project: Project } | { kind: 'delete'; project: Project } | null;

/** The musician's projects: search, create, rename, duplicate, delete, open. */
export function ProjectsPage(props: { api: Api }) {
  const { api } = props;
  const [query, setQuery] = useState('');
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const searchId = useId();

  const refresh = useCallback(
    async (q: string) => {
      try {
        const page = await api.listProjects({ q });
        setProjects(page.items);
        setTotal(page.total);
        setError(null);
      } catch (err) {
        setError(describeError(err));
      }
    },
    [api],
  );

  useEffect(() => {
    const timer = setTimeout(() => void refresh(query), query ? 250 : 0);
    return () => clearTimeout(timer);
  }, [query, refresh]);

  const run = async (id: string | null, work: () => Promise<unknown>) => {
    setBusyId(id);
    try {
      await work();
      await refresh(query);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <div className="brand">
          <Logo />
          <span>DAWG AI</span>
        </div>
        <UserMenu api={api} />
      </header>
      <main className="projects">
        <div className="projects-toolbar">
          <h1>Projects</h1>
          <div className="search">
            <label htmlFor={searchId} className="visually-hidden">
              Search projects
            </label>
            <input id={searchId} type="search" placeholder="Search projects" value={query} onChange={(e) => setQuery(e.target.value)} />
          </div>
          <label className="button" title="Open a project exported from another DAW (Bitwig, Studio One, …) or from DAWG AI">
            {importing ?? 'Import .dawproject'}
            <input
              type="file"
              accept=".dawproject"
              className="visually-hidden"
              aria-label="Import a .dawproject file"
              disabled={importing !== null}
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (!file) return;
                setImporting('Reading…');
                try {
                  const project = await importDawproject(api, file, setImporting);
                  navigate(`/projects/${project.id}`);
                } catch (err) {
                  setError(`${file.name}: ${describeError(err)}`);
                } finally {
                  setImporting(null);
                }
              }}
            />
          </label>
          <button type="button" className="button primary" onClick={() => setAction({ kind: 'create' })}>
            New project
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {projects === null ? (
          <p className="muted">Loading…</p>
        ) : projects.length === 0 ? (
          <div className="empty">
            <p>{query ? `No project matches “${query}”.` : 'No projects yet.'}</p>
            {!query && (
              <button type="button" className="button primary" onClick={() => setAction({ kind: 'create' })}>
                Create your first project
              </button>
            )}
          </div>
        ) : (
          <>
            <ul className="project-list" aria-label="Projects">
              {projects.map((project) => (
                <li key={project.id} className="project-row" aria-busy={busyId === project.id}>
                  <a
                    className="project-open"
                    href={`/projects/${project.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/projects/${project.id}`);
                    }}
                  >
                    <span className="project-name">{project.name}</span>
                    <span className="project-meta">
                      {project.bpm} BPM · {project.timeSignature.numerator}/{project.timeSignature.denominator}
                      {project.key ? ` · ${project.key.tonic} ${project.key.scale}` : ''} · {project.role} · edited {new Date(project.updatedAt).toLocaleString()}
                    </span>
                  </a>
                  <div className="row-actions">
                    {project.role !== 'viewer' && (
                      <button type="button" className="button small" onClick={() => setAction({ kind: 'rename', project })} aria-label={`Rename ${project.name}`}>
                        Rename
                      </button>
                    )}
                    <button type="button" className="button small" onClick={() => void run(project.id, () => duplicateProject(api, project.id))} aria-label={`Duplicate ${project.name}`}>
                      Duplicate
                    </button>
                    {project.role === 'owner' && (
                      <button type="button" className="button small danger-text" onClick={() => setAction({ kind: 'delete', project })} aria-label={`Delete ${project.name}`}>
                        Delete
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
            {total > projects.length && <p className="muted">Showing the {projects.length} most recent of {total}; search to find the others.</p>}
          </>
        )}
        <p className="muted projects-plan">
          <a
            href="/billing"
            onClick={(e) => {
              e.preventDefault();
              navigate('/billing');
            }}
          >
            Plan and usage
          </a>
          : projects, storage, generation minutes and AI messages left this month.
        </p>
      </main>

      {action?.kind === 'create' && (
        <CreateProjectDialog
          onClose={() => setAction(null)}
          onCreate={async (body) => {
            try {
              const project = await api.createProject(body);
              setAction(null);
              navigate(`/projects/${project.id}`);
            } catch (err) {
              setError(describeError(err));
              setAction(null);
            }
          }}
        />
      )}
      {action?.kind === 'rename' && (
        <PromptDialog
          title="Rename project"
          label="Name"
          initial={action.project.name}
          submitLabel="Rename"
          onClose={() => setAction(null)}
          onSubmit={(name) => {
            const project = action.project;
            setAction(null);
            void run(project.id, () => api.updateProject(project.id, { name, version: project.version }));
          }}
        />
      )}
      {action?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete project"
          message={`Delete “${action.project.name}” and everything on its timeline? This cannot be undone.`}
          confirmLabel="Delete"
          danger
          onClose={() => setAction(null)}
          onConfirm={() => {
            const project = action.project;
            setAction(null);
            void run(project.id, () => api.deleteProject(project.id, project.version));
          }}
        />
      )}
    </div>
  );
}

function CreateProjectDialog(props: { onClose: () => void; onCreate: (body: { name: string; bpm: number; timeSignature: { numerator: number; denominator: 4 | 8 } }) => Promise<void> }) {
  const ids = { name: useId(), bpm: useId(), ts: useId() };
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title="New project" onClose={props.onClose}>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const [numerator, denominator] = String(form.get('ts')).split('/').map(Number) as [number, 4 | 8];
          setBusy(true);
          await props.onCreate({ name: String(form.get('name')).trim(), bpm: Number(form.get('bpm')), timeSignature: { numerator, denominator } });
          setBusy(false);
        }}
      >
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} name="name" required maxLength={120} defaultValue="Untitled song" onFocus={(e) => e.currentTarget.select()} />
        <div className="form-row">
          <div>
            <label htmlFor={ids.bpm}>Tempo (BPM)</label>
            <input id={ids.bpm} name="bpm" type="number" min={20} max={400} step="0.01" defaultValue={120} required />
          </div>
          <div>
            <label htmlFor={ids.ts}>Time signature</label>
            <select id={ids.ts} name="ts" defaultValue="4/4">
              {['4/4', '3/4', '2/4', '5/4', '6/8', '7/8', '12/8'].map((ts) => (
                <option key={ts}>{ts}</option>
              ))}
            </select>
          </div>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}
