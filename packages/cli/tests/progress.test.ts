// progress.test.ts — on a terminal, a phase longer than a second shows a
// progress line on stderr, erased when it ends; off a terminal, nothing.
import { Timings, terminalProgress } from '../src/pipeline.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('shows and erases a progress line only for slow phases on a TTY', async () => {
  const err: string[] = [];
  const t = new Timings(terminalProgress({ isTty: true, stderr: (s) => void err.push(s) }));
  await t.time('quick', () => sleep(10));
  expect(err).toEqual([]);
  await t.time('slow step', () => sleep(1200));
  expect(err[0]).toContain('molt: slow step…');
  expect(err[err.length - 1]).toBe('\r\x1b[K');
  expect(t.phases.map(([n]) => n)).toEqual(['quick', 'slow step']);
  const quiet: string[] = [];
  const q = new Timings(terminalProgress({ isTty: false, stderr: (s) => void quiet.push(s) }));
  await q.time('slow step', () => sleep(1100));
  expect(quiet).toEqual([]);
});
