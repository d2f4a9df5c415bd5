/**
 * The colors of the terminal table, chosen once. Color comes from the caller's `color` flag:
 * chalk's own terminal detection is bypassed so output never depends on the environment.
 */
import { Chalk } from 'chalk';
import type { Severity } from '../analyze/finding.js';
import type { Paint } from './wrap.js';

/** Named paints the table uses; every one is the identity when color is off. */
export interface Theme {
  severity: Record<Severity, Paint>;
  heading: Paint;
  node: Paint;
  edge: Paint;
  technique: Paint;
  warn: Paint;
  dim: Paint;
}

/** Builds the theme; level 1 (16 colors) is enough and works on every color terminal. */
export function makeTheme(color: boolean): Theme {
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    severity: {
      critical: (t) => c.bold.red(t),
      high: (t) => c.red(t),
      medium: (t) => c.yellow(t),
      low: (t) => c.blue(t),
    },
    heading: (t) => c.bold(t),
    node: (t) => c.bold(t),
    edge: (t) => c.cyan(t),
    technique: (t) => c.magenta(t),
    warn: (t) => c.yellow(t),
    dim: (t) => c.dim(t),
  };
}
