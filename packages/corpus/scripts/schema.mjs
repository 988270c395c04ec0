// `npm run schema`: write corpus/schema/*.schema.json from the TypeBox definitions (packages/corpus/src/schema.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { schemaFiles } from '../dist/schema.js';

const dir = new URL('../../../corpus/schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(schemaFiles())) writeFileSync(new URL(name, dir), text);
console.log(`wrote ${Object.keys(schemaFiles()).length} schemas to corpus/schema/`);
