// Progress of a build: one redrawn bar on a terminal, plain lines in logs.
export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  let lastPlain = -1;
  let drawn = false;
  return {
    update(done, total) {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const line = `${done}/${total} items  ${rate.toFixed(0)} items/s  ETA ${eta(rate > 0 ? (total - done) / rate : Infinity)}`;
      if (stream.isTTY) {
        const width = 30;
        const filled = total > 0 ? Math.round((done / total) * width) : width;
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}\x1b[K`);
        drawn = true;
        return;
      }
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth !== lastPlain) {
        lastPlain = tenth;
        stream.write(`progress ${line}\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
