/** Runs every YAML case in ./cases against the real corpus and engine (see case-format.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluate } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { toDataset, type Case } from './case-format.js';

const dir = new URL('./cases/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

for (const file of files) {
  const cases = parse(readFileSync(new URL(file, dir), 'utf8')) as Case[];
  describe(file, () => {
    for (const c of cases) {
      it(c.name, () => {
        const out = evaluate(CORPUS, toDataset(c), { year: c.year });
        const mine = <T extends { rule: string }>(rows: readonly T[]) => rows.filter((r) => c.rules.includes(r.rule));
        const awards = mine(out.awards).map((a) => [a.subject, a.rule, a.type === 'money' ? a.amount : a.type, ...(a.rank !== null ? ['rank', String(a.rank)] : [])].join(' '));
        const withheld = mine(out.withheld).map((w) => [w.subject, w.rule, w.reason, ...(w.keptRule ? [w.keptRule] : [])].join(' '));
        const missing = mine(out.missing).map((m) => [m.subject, m.rule, m.facts.join(',')].join(' '));
        const incomplete = mine(out.incomplete ?? []).map((r) => [r.rule, r.lacking.join(',')].join(' '));
        expect({ awards: awards.sort(), withheld: withheld.sort(), missing: missing.sort(), ...(c.incomplete ? { incomplete: incomplete.sort() } : {}) }).toEqual({
          awards: [...(c.awards ?? [])].map(norm).sort(),
          withheld: [...(c.withheld ?? [])].map(norm).sort(),
          missing: [...(c.missing ?? [])].map(norm).sort(),
          ...(c.incomplete ? { incomplete: c.incomplete.map(norm).sort() } : {}),
        });
      });
    }
  });
}

function norm(s: string): string {
  return s.trim().split(/\s+/).join(' ');
}
