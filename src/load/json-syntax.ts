/**
 * Locates the first JSON syntax error in a text. V8's SyntaxError gives no position for some
 * errors and quotes the input in its message (which may hold a secret), so on a parse failure
 * we re-scan the text ourselves to say exactly where it broke, in words of our own.
 */

/** Where the text stops being JSON and what was wrong there. */
export interface JsonSyntaxError {
  /** 1-based line and column (columns count UTF-16 code units, as editors do). */
  line: number;
  column: number;
  problem: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

/**
 * The first syntax error in `text`; undefined when the text is valid JSON, or nested too
 * deeply for this recursive scanner (the caller then reports the error without a position).
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    scan(text);
    return undefined;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), problem: error.problem };
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

function scan(text: string): void {
  let i = 0;
  const fail = (problem: string): never => {
    throw new Stop(i, problem);
  };
  // A truncated file is reported just after its last character, not on a trailing blank line.
  const truncated = (): never => {
    throw new Stop(text.trimEnd().length, 'unexpected end of input; the file looks truncated');
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expectMore = () => {
    if (i >= text.length) truncated();
  };

  const string = () => {
    i++;
    for (;;) {
      expectMore();
      const code = text.charCodeAt(i);
      if (code === 0x22) return void i++;
      if (code === 0x5c) {
        i++;
        expectMore();
        if ('"\\/bfnrt'.includes(text[i]!)) i++;
        else if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else fail('invalid escape sequence in a string');
      } else if (code < 0x20) fail('unescaped control character (such as a line break) inside a string');
      else i++;
    }
  };
  const digits = () => {
    expectMore();
    if (!/[0-9]/.test(text[i]!)) fail('expected a digit');
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const literal = (word: string) => {
    for (const char of word) {
      expectMore();
      if (text[i] !== char) fail(`expected ${word}`);
      i++;
    }
  };
  const container = (close: string, member: () => void, what: string) => {
    i++;
    skipSpace();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      skipSpace();
      expectMore();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail(`expected ',' or '${close}' after ${what}`);
    }
  };
  const value = (): void => {
    skipSpace();
    expectMore();
    const char = text[i]!;
    if (char === '{') container('}', property, 'a property value');
    else if (char === '[') container(']', value, 'an array element');
    else if (char === '"') string();
    else if (char === '-' || /[0-9]/.test(char)) number();
    else if (char === 't' || char === 'f' || char === 'n') literal(char === 't' ? 'true' : char === 'f' ? 'false' : 'null');
    else fail(`unexpected character ${JSON.stringify(char)}; expected a JSON value`);
  };
  const property = () => {
    skipSpace();
    expectMore();
    if (text[i] !== '"') fail('expected a double-quoted property name');
    string();
    skipSpace();
    expectMore();
    if (text[i] !== ':') fail("expected ':' after a property name");
    i++;
    value();
  };

  skipSpace();
  value();
  skipSpace();
  if (i < text.length) fail('unexpected text after the end of the JSON value');
}
