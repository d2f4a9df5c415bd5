/**
 * Reading the recipes out of the docs: fenced shell and CI blocks of README.md and docs/*.md,
 * split into commands, with the files each command reads and writes, so the recipe test can run
 * them in an order where every input exists.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** A shell or CI block; `skipped` holds the reason its visible annotation gives. */
export interface RecipeBlock {
  doc: string;
  lang: string;
  line: number;
  text: string;
  skipped?: string;
}

/** One command of a block, as argv, with what it reads and writes. */
export interface Recipe {
  doc: string;
  line: number;
  argv: string[];
  /** File the command's stdout is redirected to (`> file`). */
  stdoutTo?: string;
  /** Whether it comes from a CI file (GitHub Actions, GitLab): plumbing lines may be skipped there. */
  ci: boolean;
  reads: string[];
  writes: string[];
}

/** Languages whose blocks are commands. JSON, YAML configuration, Cypher and text are not. */
const RUNNABLE = new Set(['sh', 'bash', 'shell', 'console', 'yaml']);

/** The annotation that excludes the next block, visible in the rendered page. */
const SKIP = /^\*Not run by the recipe test: ([\s\S]+?)\*\s*$/;

/** README.md and every docs/*.md. */
export function documentedFiles(): string[] {
  return ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
}

/** The runnable blocks of one markdown file. */
export function recipeBlocks(doc: string): RecipeBlock[] {
  const lines = readFileSync(doc, 'utf8').split('\n');
  const blocks: RecipeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    const lang = open[1]!;
    const text = lines.slice(i + 1, end).join('\n');
    // The paragraph just above the fence, if it is the annotation.
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    let start = k;
    while (start > 0 && lines[start - 1]!.trim() !== '') start--;
    const above = SKIP.exec(lines.slice(start, k + 1).join('\n'));
    if (RUNNABLE.has(lang) && (lang !== 'yaml' || /^\s*(- )?(run|script):/m.test(text))) {
      blocks.push({ doc, lang, line: i + 1, text, ...(above ? { skipped: above[1]!.replace(/\s+/g, ' ') } : {}) });
    }
    i = end;
  }
  return blocks;
}

/** Splits one shell line into words: quotes group, `#` starts a comment, `>` redirects stdout. */
export function shellWords(line: string): { argv: string[]; stdoutTo?: string } {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  let redirect = false;
  let stdoutTo: string | undefined;
  const flush = () => {
    if (word === undefined) return;
    if (redirect) {
      stdoutTo = word;
      redirect = false;
    } else words.push(word);
    word = undefined;
  };
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word = (word ?? '') + char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) flush();
    else if (char === '#' && word === undefined) break;
    else if (char === '>' && word === undefined) redirect = true;
    else word = (word ?? '') + char;
  }
  flush();
  return { argv: words, ...(stdoutTo ? { stdoutTo } : {}) };
}

/** The command lines of a block: shell lines (joined across `\` and split on `&&`), or a CI file's run/script lines. */
function commandLines(block: RecipeBlock): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  const lines = block.text.replace(/\\\n\s*/g, ' ').split('\n');
  if (block.lang !== 'yaml') {
    lines.forEach((raw, i) => {
      for (const part of raw.split('&&')) if (part.trim() && !part.trim().startsWith('#')) out.push({ line: block.line + 1 + i, text: part.trim() });
    });
    return out;
  }
  // YAML: `run: cmd`, `run: |` followed by deeper lines, and `script:` followed by `- cmd` items.
  let open: { indent: number; kind: 'run' | 'script' } | undefined;
  lines.forEach((raw, i) => {
    const line = block.line + 1 + i;
    const indent = raw.length - raw.trimStart().length;
    if (raw.trim() === '') return;
    if (open && indent > open.indent) {
      const text = open.kind === 'script' ? /^\s*- (.*)$/.exec(raw)?.[1] : raw.trim();
      if (text) out.push({ line, text });
      return;
    }
    open = undefined;
    const key = /^(\s*(?:- )?)(run|script):\s*(.*)$/.exec(raw);
    if (!key) return;
    const keyIndent = key[1]!.length;
    if (key[2] === 'run' && key[3] && key[3] !== '|') out.push({ line, text: key[3] });
    else open = { indent: keyIndent - (key[1]!.endsWith('- ') ? 2 : 0), kind: key[2] as 'run' | 'script' };
  });
  return out;
}

/** Flags whose value a command writes to. */
const WRITE_FLAGS = new Set(['-o', '--output', '--snapshot']);
/** Flags whose value a command reads. */
const READ_FLAGS = new Set(['--baseline', '--suppressions']);

/** Whether a word names an input file or folder (the recipes' own naming). */
const looksLikeInput = (word: string) => /\.json(\.gz)?$/.test(word) || /\/$/.test(word);

/** The commands of a block, with the files they read and write. */
export function recipesOf(block: RecipeBlock): Recipe[] {
  return commandLines(block).map(({ line, text }) => {
    const { argv, stdoutTo } = shellWords(text);
    const reads: string[] = [];
    const writes: string[] = stdoutTo ? [stdoutTo] : [];
    for (let i = 0; i < argv.length; i++) {
      const word = argv[i]!;
      if (WRITE_FLAGS.has(word)) writes.push(argv[++i]!);
      else if (READ_FLAGS.has(word)) reads.push(argv[++i]!);
      else if (!word.startsWith('-') && looksLikeInput(word)) reads.push(word);
    }
    return { doc: block.doc, line, argv, ci: block.lang === 'yaml', reads, writes, ...(stdoutTo ? { stdoutTo } : {}) };
  });
}
