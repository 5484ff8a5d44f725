// `node --import <this file>`: TypeScript tests on Node 20, which cannot strip types itself (ADR 0016).
import { register } from 'node:module';

register('./loader.mjs', import.meta.url);
