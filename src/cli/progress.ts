/**
 * Progress on stderr for long commands (collection, analysis, export): on a terminal one status
 * line redrawn in place (at most every 100 ms), on a log plain lines for the events worth a
 * line plus a heartbeat every 30 seconds. Quiet runs stay quiet: nothing is written until the
 * command has run for `delayMs` (a second by default), so fast analyses print only their report.
 */
import type { CliIo } from './io.js';

/** The status printer of one command. */
export interface StatusPrinter {
  /** The current status; `logLine`, when given, is what a log (not a terminal) gets for this event. */
  update(status: string, options?: { logLine?: string; force?: boolean }): void;
  /** Ends the status line with a final word (`collected`, `analyzed`, `stopped`). */
  finish(word: string): void;
}

/** The quiet period of the real process before the first progress output (see main.ts). */
export const PROGRESS_DELAY_MS = 1000;

/**
 * A printer for `io`; `label` prefixes the status (`collecting`, `analyzing`). `delayMs`
 * overrides the quiet period (collection, always long, shows every account from the start).
 */
export function statusPrinter(io: CliIo, label: string, options: { delayMs?: number } = {}): StatusPrinter {
  const tty = io.stderrIsTTY === true;
  // An io without a quiet period (tests, embedders) gets no analysis progress at all.
  const delayMs = options.delayMs ?? io.progressDelayMs ?? Number.POSITIVE_INFINITY;
  const started = Date.now();
  let awake = delayMs <= 0;
  let last = 0;
  let drawn = false;
  let latest = '';
  let latestLog: string | undefined;
  const draw = () => {
    if (!latest) return;
    if (tty) {
      io.stderr(`\r\u001b[2K${label}: ${latest}`);
      drawn = true;
    } else if (latestLog) {
      io.stderr(`blastpath: ${latestLog}\n`);
      latestLog = undefined;
    }
  };
  // Woken once the quiet period is over: shows where a long command is, even mid-step.
  const wake = Number.isFinite(delayMs) && !awake
    ? setTimeout(() => {
        awake = true;
        draw();
      }, delayMs)
    : undefined;
  wake?.unref();
  const heartbeat = tty ? undefined : setInterval(() => awake && latest && io.stderr(`blastpath: ${label}: ${latest}\n`), 30_000);
  heartbeat?.unref();
  return {
    update(status, options = {}) {
      latest = status;
      if (options.logLine) latestLog = options.logLine;
      if (!awake && Date.now() - started >= delayMs) awake = true;
      if (!awake) return;
      if (!tty) return draw();
      const now = Date.now();
      if (now - last < 100 && !options.force) return;
      last = now;
      draw();
    },
    finish(word) {
      if (wake) clearTimeout(wake);
      if (heartbeat) clearInterval(heartbeat);
      if (drawn) io.stderr(`\r\u001b[2K${word}: ${latest}\n`);
      drawn = false;
    },
  };
}

/** What an analysis reports: a stage, and entries searched so far (see AnalysisProgress in src/pipeline.ts). */
export interface StageProgress {
  stage: string;
  done?: number;
  total?: number;
}

/** Progress of an analysis or export: one log line per stage, the entry count on a terminal. */
export function stageProgress(io: CliIo, label: string): { onProgress: (p: StageProgress) => void; finish: (word: string) => void } {
  const printer = statusPrinter(io, label);
  let stage = '';
  return {
    onProgress: ({ stage: next, done, total }) => {
      const status = `${next}${total !== undefined ? ` (${done ?? 0}/${total} entry points)` : ''}`;
      const logLine = next !== stage ? `${label}: ${next}${total !== undefined ? ` (${total} entry points)` : ''}` : undefined;
      stage = next;
      printer.update(status, { ...(logLine ? { logLine } : {}), force: logLine !== undefined });
    },
    finish: (word) => printer.finish(word),
  };
}
