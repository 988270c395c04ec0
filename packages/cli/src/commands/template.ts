/** duixian template [DIR]: the Excel import template (Chinese headers) and a sheet of every key, unit and meaning the corpus declares. */
import { KNOWN } from '@duixian/corpus';
import { writeTemplate } from '@duixian/interchange';
import { EXIT, type Streams } from '../io.js';
import type { Args } from '../main.js';

export async function templateCommand(a: Args, io: Streams): Promise<number> {
  const written = await writeTemplate(a.positionals[1] ?? '.', KNOWN);
  for (const p of written) io.stdout.write(`wrote ${p}\n`);
  return EXIT.ok;
}
