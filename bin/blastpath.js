#!/usr/bin/env node
// Entry point: the compiled CLI decides the exit code; this file only hands over argv.
import { main } from '../dist/cli/main.js';

// `blastpath analyze ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv);
