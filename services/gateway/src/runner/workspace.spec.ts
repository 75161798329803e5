import { parseGitConfigKeys } from './workspace';

describe('reading a repository\'s config keys', () => {
  it('names every key as git does: section, subsection, key', () => {
    const text = [
      '\ufeff[core]',
      '\trepositoryformatversion = 0',
      '  FSMonitor = touch /tmp/x',
      '[remote "origin"]',
      '\turl = https://example.com/x.git',
      '[Filter "Evil"] clean = run-me',
      '# [alias] x = !sh',
      '; comment',
      '[include]',
      '\tpath = ../other',
      '[diff.pdf]',
      '\ttextconv = pdftotext',
      '[weird',
      'sshcommand = x',
    ].join('\n');
    expect(parseGitConfigKeys(text)).toEqual([
      'core.repositoryformatversion',
      'core.fsmonitor',
      'remote.origin.url',
      'filter.Evil.clean',
      'include.path',
      'diff.pdf.textconv',
      'unparsed.weird',
      'unparsed.sshcommand',
    ]);
  });
});
