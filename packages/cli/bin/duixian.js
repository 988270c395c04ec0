#!/usr/bin/env node
// The `duixian` command. Sources are TypeScript in ../src, built to ../dist by `npm run build`
// (run automatically by `npm ci` through the root `prepare` script).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
