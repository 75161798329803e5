import { avatarColour, initialsOf, presenceMembers } from './presence';

describe('presence', () => {
  it('lists a user with several tabs once, since their earliest tab, in order of arrival', () => {
    const names = new Map([
      ['u-mara', 'Mara Beats'],
      ['u-jon', 'Jon Keys'],
    ]);
    const members = presenceMembers(
      [
        { socketId: 's1', userId: 'u-jon', joinedAt: 2_000 },
        { socketId: 's2', userId: 'u-mara', joinedAt: 1_500 },
        { socketId: 's3', userId: 'u-jon', joinedAt: 1_000 },
      ],
      names,
    );
    expect(members).toEqual([
      { userId: 'u-jon', displayName: 'Jon Keys', initials: 'JK', colour: avatarColour('u-jon'), since: new Date(1_000).toISOString() },
      { userId: 'u-mara', displayName: 'Mara Beats', initials: 'MB', colour: avatarColour('u-mara'), since: new Date(1_500).toISOString() },
    ]);
  });

  it('makes initials from the first and last word, or the first two letters of one word', () => {
    expect(initialsOf('Mara Beats')).toBe('MB');
    expect(initialsOf('  ana maria de la cruz ')).toBe('AC');
    expect(initialsOf('jon')).toBe('JO');
    expect(initialsOf('Émile')).toBe('ÉM');
    expect(initialsOf('')).toBe('?');
  });

  it('gives a user the same avatar colour every time', () => {
    expect(avatarColour('3f1c7a1e-0000-4000-8000-000000000001')).toBe(avatarColour('3f1c7a1e-0000-4000-8000-000000000001'));
    expect(avatarColour('x')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
