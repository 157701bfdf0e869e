import { buildEdition } from './src/edition/build-edition.ts';
import { resolveProject } from './src/project/resolve.ts';
const project = await resolveProject({ cwd: process.cwd() });
const mb = (n: number) => Math.round(n / 1048576);
const t0 = performance.now();
const built = await buildEdition({ project, file: '/tmp/ed16/edition.yaml', onPage: (p) => { const m = process.memoryUsage(); console.log(p, Math.round(performance.now()-t0), 'rss', mb(m.rss), 'heap', mb(m.heapUsed), 'ext', mb(m.external), 'ab', mb(m.arrayBuffers)); } });
let sizes: Record<string, number> = {};
for (const page of built.pages) {
  const add = (k: string, n: number) => (sizes[k] = (sizes[k] ?? 0) + n);
  add('pdf', page.pdf.byteLength); add('pdfbuf', page.pdf.buffer.byteLength); add('screen', page.screen.byteLength); add('screenbuf', page.screen.buffer.byteLength);
  for (const v of page.views) { add('soft', v.softProof.byteLength); add('softbuf', v.softProof.buffer.byteLength); add('ink', v.ink.byteLength); add('inkbuf', v.ink.buffer.byteLength); }
  add('proofHtml', page.proofHtml.length); add('files', [...page.files.values()].reduce((a, s) => a + s.length, 0)); add('layout', JSON.stringify(page.layout).length);
}
console.log(Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, mb(v)])));
const m = process.memoryUsage(); console.log('end rss', mb(m.rss), 'ab', mb(m.arrayBuffers));
