#!/usr/bin/env node
// Entry point: the compiled CLI decides the exit code; this file only hands over argv, after
// making sure the heap fits the inputs (dist/cli/heap.js: large inputs run in a child process
// with a larger --max-old-space-size).
import { spawn } from 'node:child_process';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { HEAP_SET_ENV, commandInputBytes, plannedHeapMib } from '../dist/cli/heap.js';

const heapMib = plannedHeapMib(commandInputBytes(process.argv.slice(2)), {
  heapLimit: getHeapStatistics().heap_size_limit,
  totalMemory: totalmem(),
  nodeFlags: `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`,
  alreadySet: process.env[HEAP_SET_ENV] !== undefined,
});

if (heapMib !== undefined) {
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${heapMib}`, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [HEAP_SET_ENV]: String(heapMib) },
  });
  // A terminal's Ctrl-C reaches both processes: the child decides what it means. Signals sent
  // to this process alone are passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exitCode = code ?? 70;
  });
} else {
  const { main } = await import('../dist/cli/main.js');
  // `blastpath analyze ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = await main(process.argv);
}
