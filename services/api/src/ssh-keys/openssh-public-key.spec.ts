import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidPublicKeyError, parseOpenSshPublicKey } from './openssh-public-key';

describe('parseOpenSshPublicKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dawg-pubkey-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let made = 0;
  const keygen = (type: string, bits?: number) => {
    const path = join(dir, `${type}-${bits ?? 0}-${++made}`);
    execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-C', 'me@laptop', '-f', path]);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], { encoding: 'utf8' }).split(' ')[1];
    return { line: readFileSync(`${path}.pub`, 'utf8'), fingerprint };
  };

  it('reads Ed25519, ECDSA and RSA keys, with the fingerprint ssh-keygen prints', () => {
    for (const [type, bits, algorithm] of [['ed25519', undefined, 'ssh-ed25519'], ['ecdsa', 256, 'ecdsa-sha2-nistp256'], ['ecdsa', 384, 'ecdsa-sha2-nistp384'], ['ecdsa', 521, 'ecdsa-sha2-nistp521'], ['rsa', 2048, 'ssh-rsa']] as const) {
      const { line, fingerprint } = keygen(type, bits);
      const key = parseOpenSshPublicKey(line);
      expect(key).toMatchObject({ algorithm, fingerprint, comment: 'me@laptop' });
      expect(key.canonical).toBe(line.trim().split(' ').slice(0, 2).join(' '));
    }
  });

  it('refuses what the gateway would not verify, saying why', () => {
    const reason = (line: string) => {
      try {
        parseOpenSshPublicKey(line);
        return 'accepted';
      } catch (err) {
        if (!(err instanceof InvalidPublicKeyError)) throw err;
        return err.message;
      }
    };
    const ed = keygen('ed25519').line.trim().split(' ');
    expect(reason('ssh-dss AAAAB3NzaC1kc3MAAACBAP')).toContain('DSA keys are obsolete');
    expect(reason('ssh-ed25519-cert-v01@openssh.com AAAA')).toContain('certificates are not accepted');
    expect(reason('sk-ssh-ed25519@openssh.com AAAA')).toContain('security-key');
    expect(reason(`command="rm -rf /" ${ed[0]} ${ed[1]}`)).toContain('authorized_keys options are not accepted');
    expect(reason('ssh-ed25519')).toContain('expected "<type> <base64> [comment]"');
    expect(reason('ssh-ed25519 !!!')).toBe('the key is not base64');
    expect(reason(`ssh-rsa ${ed[1]}`)).toBe('the key blob is not a ssh-rsa key');
    expect(reason(`${ed[0]} ${Buffer.concat([Buffer.from(ed[1]!, 'base64'), Buffer.from([0])]).toString('base64')}`)).toBe('the key blob has trailing bytes');
    expect(reason(`${ed[0]} ${Buffer.from(ed[1]!, 'base64').subarray(0, 30).toString('base64')}`)).toBe('the key blob is truncated');
    expect(reason(keygen('rsa', 1024).line)).toContain('an RSA key needs 2048 to 16384 bits (this one has 1024)');
    // A P-256 point that is not on the curve.
    const ec = Buffer.from(keygen('ecdsa', 256).line.split(' ')[1]!, 'base64');
    ec[ec.length - 1] ^= 1;
    expect(reason(`ecdsa-sha2-nistp256 ${ec.toString('base64')}`)).toBe('the ecdsa-sha2-nistp256 key is not valid');
  });
});
