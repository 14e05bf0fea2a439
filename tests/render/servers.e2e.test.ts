import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../helpers/media';

interface Hostile {
  bypass: number;
  bypassRaw: number;
  foreignHost: number;
  foreignHostModule: number;
  foreignOrigin: number;
  local: {status: number; cors: unknown};
}

describe('both servers refuse what is not theirs to serve', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/server-probe.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const r = JSON.parse(out) as {
    url: string;
    render: Hostile;
    editor: Hostile;
    data: {noToken: number; guessed: number; seenBefore: number[]; real: number; seen: number[]};
  };

  it('the render server listens on an OS-assigned port, not 5173', () => {
    expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(r.url).not.toMatch(/:5173$/);
  });

  it.each(['render', 'editor'] as const)(
    'the %s server refuses the @fs bypass (CVE-2025-30208), a foreign Host and a foreign Origin',
    which => {
      const s = r[which];
      expect([s.bypass, s.bypassRaw, s.foreignHost, s.foreignHostModule, s.foreignOrigin]).toEqual([
        403, 403, 403, 403, 403,
      ]);
      expect(s.local.status).toBe(200);
      expect(s.local.cors).toBeNull();
    },
  );

  it('a data post without the job token is refused and never reaches the job', () => {
    expect([r.data.noToken, r.data.guessed]).toEqual([403, 403]);
    expect(r.data.seenBefore).toEqual([]);
    expect(r.data.real).toBe(204);
    expect(r.data.seen).toEqual([0]);
  });
});
