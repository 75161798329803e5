import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { generateEd25519HostKey, loadHostKey } from './host-key';
import { sshFingerprint } from './public-key-auth';

describe('the host key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dawg-hostkey-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates Ed25519 keys ssh2 reads back, every time (ssh2\'s own generator fails one key in 256)', () => {
    for (let i = 0; i < 600; i++) {
      const key = generateEd25519HostKey();
      const parsed = utils.parseKey(key.private);
      expect(parsed instanceof Error).toBe(false);
      expect((Array.isArray(parsed) ? parsed[0] : parsed)!.getPublicSSH().equals(key.publicBlob)).toBe(true);
    }
  });

  it('is generated once (mode 0600) and then read from the file, so clients see the same key', () => {
    const path = join(dir, 'nested', 'host_key');
    const first = loadHostKey(path, sshFingerprint, () => undefined);
    expect(first.source).toBe('generated');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = loadHostKey(path, sshFingerprint, () => undefined);
    expect(second).toMatchObject({ source: 'file', fingerprint: first.fingerprint });
    expect(loadHostKey(undefined, sshFingerprint, () => undefined).source).toBe('ephemeral');
  });
});
