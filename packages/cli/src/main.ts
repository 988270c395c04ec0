/**
 * duixian — the command line. One function per command; each returns its exit code:
 * 0 done, 1 a check failed, 2 bad input (nothing on stdout, one line per problem on stderr).
 */
import { parseArgs } from 'node:util';
import { switchProblems, type Corpus } from '@duixian/engine';
import { BadInput, EXIT, type Streams } from './io.js';
import { evaluateCommand } from './commands/evaluate.js';
import { explainCommand } from './commands/explain.js';
import { checkCommand } from './commands/check.js';
import { templateCommand } from './commands/template.js';
import { demoCommand } from './commands/demo.js';
import { serveCommand } from './commands/serve.js';
import { auditCommand } from './commands/audit.js';
import { importCommand } from './commands/import.js';
import { showCommand } from './commands/show.js';

const USAGE = `用法 usage:
  duixian evaluate FILE [--year Y] [--json] [--explain] [--interpretation I-x[@DOCUMENT]=value …] [--document ID …]
  duixian explain FILE --subject ID --rule RULE [--year Y] [--json] [--interpretation I-x[@DOCUMENT]=value …]
  duixian import FILE [--by NAME] [--reason TEXT]   (into DATABASE_URL, else the embedded database in DUIXIAN_DATA_DIR, default ./data)
  duixian check
  duixian show RULE [--json]        (the rule's article and the rule as Chinese sentences: 条件、金额、上限、排名…)
  duixian template [DIR]
  duixian demo [--year Y] [--enterprises N] [--seed S] [--out FILE [--wide]] [--json]
                                     (FILE by its extension: .json, .xlsx, .csv for the pair NAME.subjects.csv + NAME.facts.csv;
                                      --wide: an .xlsx with the indicators as columns of the subjects sheet)
  duixian serve                      (the HTTP API on PORT, default 3000)
  duixian audit verify               (recompute the audit log's hash chain)
--corpus DIR (with any command): another corpus folder instead of the built-in corpus/ (the server: DUIXIAN_CORPUS)
FILE: interchange format v1 (.json), or the import template (.xlsx; .csv as NAME.subjects.csv + NAME.facts.csv)
`;

const OPTIONS = {
  year: { type: 'string' },
  json: { type: 'boolean' },
  explain: { type: 'boolean' },
  interpretation: { type: 'string', multiple: true },
  document: { type: 'string', multiple: true },
  subject: { type: 'string' },
  rule: { type: 'string' },
  enterprises: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  wide: { type: 'boolean' },
  by: { type: 'string' },
  reason: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Args = ReturnType<typeof parse>;
const parse = (argv: string[]) => parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });

const COMMANDS: Record<string, (a: Args, io: Streams) => Promise<number>> = {
  evaluate: evaluateCommand,
  explain: explainCommand,
  check: checkCommand,
  template: templateCommand,
  demo: demoCommand,
  serve: serveCommand,
  audit: auditCommand,
  import: importCommand,
  show: showCommand,
};

export async function main(argv: string[], io: Streams): Promise<number> {
  let args: Args;
  try {
    args = parse(argv);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return EXIT.badInput;
  }
  const [command] = args.positionals;
  if (args.values.help || !command) {
    (args.values.help ? io.stdout : io.stderr).write(USAGE);
    return args.values.help ? EXIT.ok : EXIT.badInput;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr.write(`unknown command "${command}"\n${USAGE}`);
    return EXIT.badInput;
  }
  try {
    return await run(args, io);
  } catch (e) {
    if (e instanceof BadInput) {
      io.stderr.write(e.message + '\n');
      return EXIT.badInput;
    }
    throw e;
  }
}

/** --year as an integer, or a bad-input problem naming the option. */
export function yearOption(a: Args): number | undefined {
  const y = a.values.year;
  if (y === undefined) return undefined;
  if (!/^\d{4}$/.test(y)) throw new BadInput([{ path: '--year', message: `"${y}" is not a year; give four digits, e.g. --year 2023` }]);
  return Number(y);
}

/**
 * --interpretation I-x=value (every document) or I-x@DOCUMENT=value (that document only), checked
 * against the readings the corpus declares and its documents.
 */
export function interpretationOptions(a: Args, corpus: Pick<Corpus, 'readings' | 'documents'>): Record<string, string> {
  const out: Record<string, string> = {};
  const problems: { path: string; message: string }[] = [];
  for (const raw of a.values.interpretation ?? []) {
    const at = raw.indexOf('=');
    const [key, value] = at < 0 ? [raw, undefined] : [raw.slice(0, at), raw.slice(at + 1)];
    const wrong = value === undefined ? [{ message: `give a value: ${key}=VALUE` }] : switchProblems(corpus, { [key]: value });
    if (wrong.length) problems.push(...wrong.map((w) => ({ path: `--interpretation ${raw}`, message: w.message })));
    else out[key] = value!;
  }
  if (problems.length) throw new BadInput(problems);
  return out;
}

/** A file's own switches against what only the corpus knows: a document's reading switched for another document. */
export function fileSwitches(switches: Readonly<Record<string, string>>, corpus: Pick<Corpus, 'readings' | 'documents'>): void {
  const wrong = switchProblems(corpus, switches);
  if (wrong.length) throw new BadInput(wrong.map((w) => ({ path: `interpretations.${w.key}`, message: w.message })));
}

/** The one positional FILE of a command, or a usage problem. */
export function fileArg(a: Args, command: string): string {
  const file = a.positionals[1];
  if (!file) throw new BadInput([{ path: command, message: `missing FILE: duixian ${command} FILE …` }]);
  return file;
}
