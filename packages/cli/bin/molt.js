#!/usr/bin/env node
// The `molt` command. All logic lives in @molt/cli's main(); this file only wires the process.
import { main, processIo } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2), processIo());
