import { describe, expect, it } from 'vitest';
import { sarifErrors } from './sarif-schema.js';

/** The validator must reject what the schema forbids, or "valid" proves nothing. */
describe('SARIF schema validator', () => {
  const minimal = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] };

  it('accepts a minimal log', () => {
    expect(sarifErrors(minimal)).toEqual([]);
  });

  it.each([
    ['a wrong version', { ...minimal, version: '2.0.0' }],
    ['a result without message', { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r' }] }] }],
    ['an unknown top-level property', { ...minimal, extra: true }],
    ['a bad level', { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }],
    ['an empty thread flow', { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, codeFlows: [{ threadFlows: [{ locations: [] }] }] }] }] }],
    ['a non-URI $schema', { ...minimal, $schema: 'not a uri' }],
  ])('rejects %s', (_name, log) => {
    expect(sarifErrors(log)).not.toEqual([]);
  });
});
