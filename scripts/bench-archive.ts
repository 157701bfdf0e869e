// The benchmark's archive series: the 16-page edition archived (a whole `broadsheet archive` process: the edition
// with a PDF/A-2b copy of every page made as it is set, the self-contained proofs, the thumbnail, the manifest's
// hashes, the catalogue) against the same edition only built, in turn; and where the archive's time went, from the
// stages and spans of its median run (`archive --json`).
import { join } from 'node:path';
import type { Sample } from './bench-queue.ts';

export interface ArchiveBench {
  readonly editionFile: string;
  readonly work: string;
  readonly runs: number;
  readonly cli: string;
  readonly measure: (args: readonly string[]) => Promise<Sample & { stdout: string }>;
  readonly summary: (samples: readonly Sample[]) => Sample;
  readonly say: (line: string) => void;
}

interface ArchiveAnswer {
  readonly stages: Readonly<Record<string, number>>;
  readonly spans: Readonly<Record<string, { from: number; to: number }>>;
}

export async function archiveEditions(bench: ArchiveBench): Promise<{ row: { label: string; sample: Sample; baseline: Sample }; stages: string[] }> {
  const built: Sample[] = [];
  const archived: Array<Sample & { stdout: string }> = [];
  for (let run = 0; run < bench.runs; run++) {
    built.push(await bench.measure([bench.cli, 'edition', bench.editionFile, '--out', join(bench.work, `archive-baseline-${run}`)]));
    // Each run adds a revision of the entry: an entry is never replaced.
    archived.push(await bench.measure([bench.cli, 'archive', bench.editionFile, '--archive', join(bench.work, 'archive'), '--json']));
  }
  const median = [...archived].sort((a, b) => a.seconds - b.seconds)[Math.floor(archived.length / 2)];
  const answer = JSON.parse(median?.stdout ?? '{}') as ArchiveAnswer;
  const stages = Object.entries(answer.stages ?? {}).map(([stage, ms]) => {
    const span = answer.spans?.[stage];
    return `| ${stage} | ${(ms / 1000).toFixed(2)} s | ${span ? `${(span.from / 1000).toFixed(2)}–${(span.to / 1000).toFixed(2)} s` : '—'} |`;
  });
  return {
    row: { label: '16-page edition archived (a whole `broadsheet archive` process, PDF/A copies and all) ÷ the same edition built', sample: bench.summary(archived), baseline: bench.summary(built) },
    stages,
  };
}
