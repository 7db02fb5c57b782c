#!/usr/bin/env node
// The `dateline` command. Runs the TypeScript sources directly through tsx: no build step needed. The project's own
// tsconfig is named, not looked up from the working directory: run from elsewhere, tsx would find none (or another
// project's) and compile the pages' JSX for React.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
