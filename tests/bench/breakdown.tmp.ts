import { readFileSync } from 'node:fs';
const r = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
for (const [i, runs] of r.results.study.entries()) {
  const run = runs[runs.length - 1];
  console.log('size', r.results.sizes[i]);
  for (let k = 0; k < Math.min(8, run.gradedAt.length); k++) {
    const t0 = run.gradedAt[k];
    const spans = run.spans.filter((s: any) => s.start >= t0 - 1 && s.start < t0 + run.gradeToPaint[k]).map((s: any) => `${s.name}@${(s.start - t0).toFixed(1)}+${s.duration.toFixed(1)}`);
    console.log(`  dom ${run.gradeToDom[k].toFixed(1)} paint ${run.gradeToPaint[k].toFixed(1)} |`, spans.join(' '));
  }
}
