export { seedDemoNewsroom } from './seed.ts';
