import { useStore } from '../state/store';
import { useStudio } from './StudioPage';

const SHOWN = 5;

/** The other people who have this project open, as avatars with their names (the api's presence). */
export function PresenceAvatars() {
  const studio = useStudio();
  const people = useStore(studio.store, (s) => s.presence);
  if (!people.length) return null;
  const shown = people.slice(0, SHOWN);
  const more = people.slice(SHOWN);
  return (
    <ul className="presence" aria-label="Also in this project">
      {shown.map((person) => {
        const label = `${person.displayName}, here since ${new Date(person.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
        return (
          <li key={person.userId} className="avatar presence-avatar" style={{ background: person.colour }} title={label} aria-label={person.displayName}>
            <span aria-hidden="true">{person.initials}</span>
          </li>
        );
      })}
      {more.length > 0 && (
        <li className="avatar presence-avatar presence-more" title={more.map((p) => p.displayName).join(', ')} aria-label={`${more.length} more: ${more.map((p) => p.displayName).join(', ')}`}>
          <span aria-hidden="true">+{more.length}</span>
        </li>
      )}
    </ul>
  );
}
