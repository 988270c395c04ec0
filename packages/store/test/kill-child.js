// The child of kill.test.ts: commits a small import, then starts a large one and reports each
// batch of facts written (inside the still-open transaction) so that the parent can SIGKILL it
// mid-way. Runs the built store (../dist), as a deployed server would.
import { importDataset, openStore } from '../dist/index.js';

const place = JSON.parse(process.argv[2]);
const n = Number(process.argv[3]);
const store = await openStore(place);

const subject = (id) => ({ id, kind: 'enterprise', name: `企业${id}`, tags: [] });
const small = {
  year: 2023, subjects: [subject('S1')], history: [], parameters: [], interpretations: {},
  facts: [{ subject: 'S1', year: 2023, key: 'onlineRetail', value: 100 }],
};
await importDataset(store, small, { by: 'child' });
process.stdout.write('committed\n');

const perSubject = 10;
const subjects = Array.from({ length: Math.ceil(n / perSubject) }, (_, i) => subject(`B${i}`));
const facts = Array.from({ length: n }, (_, i) => ({
  subject: `B${Math.floor(i / perSubject)}`, year: 2014 + (i % perSubject), key: 'onlineRetail', value: i * 100,
}));
const big = { year: 2023, subjects, facts, history: [], parameters: [], interpretations: {} };
process.stdout.write('started\n');
await importDataset(store, big, { by: 'child', onProgress: (done) => process.stdout.write(`progress ${done}\n`) });
process.stdout.write('finished\n');
await store.close();
