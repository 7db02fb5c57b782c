#!/usr/bin/env node
// The `dateline` command. Runs the TypeScript sources directly through tsx: no build step needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
