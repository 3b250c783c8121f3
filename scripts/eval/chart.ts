// An SVG bar chart of each method's change vs the server order (MRR and
// NDCG@10, per history segment), with the 95% bootstrap interval as whiskers.
// Hand-written SVG: no charting dependency.
import { SEGMENTS, type SubsetSummary } from './summarize.ts';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function resultsChart(title: string, summary: SubsetSummary): string {
  const methods = Object.keys(summary).filter((m) => m !== 'server');
  const metrics = [
    { key: 'mrr', label: 'MRR' },
    { key: 'ndcg', label: 'NDCG@10' },
  ] as const;
  const colours = ['#1f77b4', '#ff7f0e', '#2ca02c'];
  const rowHeight = 14;
  const groupGap = 10;
  const labelWidth = 230;
  const plotWidth = 300;
  const panelGap = 40;
  const top = 50;
  const groupHeight = SEGMENTS.length * rowHeight + groupGap;
  const height = top + methods.length * groupHeight + 40;
  const width = labelWidth + metrics.length * (plotWidth + panelGap) + 20;

  // A shared symmetric scale per metric, from the widest interval.
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(`<text x="10" y="18" font-size="13" font-weight="bold">${escape(title)}</text>`);
  SEGMENTS.forEach((segment, k) => {
    parts.push(`<rect x="${10 + k * 110}" y="26" width="10" height="10" fill="${colours[k]}"/>`);
    parts.push(`<text x="${24 + k * 110}" y="35">${escape(segment)}</text>`);
  });
  methods.forEach((method, m) => {
    parts.push(`<text x="${labelWidth - 8}" y="${top + m * groupHeight + rowHeight * 2}" text-anchor="end">${escape(method)}</text>`);
  });
  metrics.forEach((metric, p) => {
    const x0 = labelWidth + p * (plotWidth + panelGap);
    // The scale fits the personalized variants; a far-off baseline (e.g.
    // semantic) is clipped at the edge and labelled with its value.
    let extent = 0.01;
    const scaled = methods.some((m) => m.startsWith('personalized')) ? methods.filter((m) => m.startsWith('personalized')) : methods;
    for (const method of scaled) {
      for (const segment of SEGMENTS) {
        const d = summary[method]![segment][metric.key === 'mrr' ? 'mrrDiff' : 'ndcgDiff'];
        if (Number.isFinite(d.low)) extent = Math.max(extent, Math.abs(d.low), Math.abs(d.high));
      }
    }
    const scale = (v: number): number => x0 + plotWidth / 2 + (Math.max(-extent, Math.min(extent, v)) / extent) * (plotWidth / 2 - 4);
    parts.push(
      `<text x="${x0 + plotWidth / 2}" y="${top - 6}" text-anchor="middle" font-weight="bold">Δ${metric.label} vs server (±${extent.toFixed(3)})</text>`,
    );
    parts.push(`<line x1="${scale(0)}" y1="${top}" x2="${scale(0)}" y2="${height - 40}" stroke="#444"/>`);
    methods.forEach((method, m) => {
      SEGMENTS.forEach((segment, k) => {
        const s = summary[method]![segment];
        const d = metric.key === 'mrr' ? s.mrrDiff : s.ndcgDiff;
        if (s.cases === 0 || !Number.isFinite(d.mean)) return;
        const y = top + m * groupHeight + k * rowHeight;
        const a = scale(Math.min(0, d.mean));
        const b = scale(Math.max(0, d.mean));
        parts.push(
          `<rect x="${a.toFixed(1)}" y="${y + 2}" width="${Math.max(0.5, b - a).toFixed(1)}" height="${rowHeight - 4}" fill="${colours[k]}"><title>${escape(`${method} ${segment}: ${d.mean.toFixed(4)} [${d.low.toFixed(4)}, ${d.high.toFixed(4)}]`)}</title></rect>`,
        );
        if (Math.abs(d.mean) > extent) {
          parts.push(
            `<text x="${(d.mean < 0 ? a + 2 : b - 2).toFixed(1)}" y="${y + rowHeight - 3}" font-size="9" fill="white" text-anchor="${d.mean < 0 ? 'start' : 'end'}">${d.mean.toFixed(3)} (clipped)</text>`,
          );
        }
        parts.push(
          `<line x1="${scale(d.low).toFixed(1)}" y1="${y + rowHeight / 2}" x2="${scale(d.high).toFixed(1)}" y2="${y + rowHeight / 2}" stroke="black"/>`,
        );
      });
    });
  });
  parts.push(
    `<text x="10" y="${height - 12}" fill="#555">Bars: mean difference to the server order; whiskers: 95% paired bootstrap interval.</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
