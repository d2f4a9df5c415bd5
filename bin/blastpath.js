#!/usr/bin/env node
// Entry point: the compiled CLI decides the exit code; this file only hands over argv.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
