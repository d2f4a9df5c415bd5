import { describe, expect, it } from 'vitest';
import { layout, phrase, words, type Word } from '../../src/report/wrap.js';

const arn = 'arn:aws:sagemaker:eu-west-1:111122223333:model-package/acme-fraud-detection-production-candidates/17';

describe('layout', () => {
  it.each<[string, Word[], number, string[]]>([
    ['fits on one row', words('a bb ccc'), 20, ['  a bb ccc']],
    ['breaks at spaces with the hanging indent', words('aaaa bbbb cccc dddd'), 12, ['  aaaa bbbb', '    cccc', '    dddd']],
    ['glued words join without a space and move together', [...words('aaaa bbb'), { text: ']──▶', glue: true }], 11, ['  aaaa', '    bbb]──▶']],
    ['a phrase moves to the next row whole', [...words('aaaa'), ...phrase('on xyz')], 10, ['  aaaa', '    on xyz']],
    ['an empty line is empty, not indent spaces', [], 10, ['']],
  ])('%s', (_name, list, width, expected) => {
    expect(layout({ indent: 2, hang: 4, words: list }, width)).toEqual(expected);
  });

  it('breaks an identifier longer than a row after a separator, losing no character', () => {
    const rows = layout({ indent: 2, hang: 6, words: [...words('resource'), { text: arn }] }, 60);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(60);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.trim()).join('')).toBe(`resource ${arn}`);
    // Cuts fall after a separator (`:`, `/`, `-`), not in the middle of a name.
    expect(rows[0]).toBe('  resource arn:aws:sagemaker:eu-west-1:111122223333:');
    expect(rows[1]).toBe('      model-package/acme-fraud-detection-production-');
  });

  it('paints after measuring: escapes do not count toward the width', () => {
    const bold = (t: string) => `\u001b[1m${t}\u001b[22m`;
    const dim = (t: string) => `\u001b[2m${t}\u001b[22m`;
    // Neighbours with the same paint share one pair of codes; a row break closes them.
    expect(layout({ indent: 0, hang: 0, words: words('aaaa bbbb', bold) }, 9)).toEqual([bold('aaaa bbbb')]);
    expect(layout({ indent: 0, hang: 0, words: [...words('aa', bold), ...words('bb', dim)] }, 9)).toEqual([`${bold('aa')} ${dim('bb')}`]);
    expect(layout({ indent: 0, hang: 0, words: words('aaaa bbbb', bold) }, 5)).toEqual([bold('aaaa'), bold('bbbb')]);
  });

  it('never returns an empty row for text that starts too long for the first row', () => {
    const rows = layout({ indent: 0, hang: 0, words: [{ text: 'x'.repeat(25) }] }, 10);
    expect(rows).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
