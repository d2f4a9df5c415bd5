/** Errors that stop a collection run before it starts: bad flags, no usable credentials. */
import { BlastpathError } from '../core/errors.js';

/** A run that cannot start: the message names the flag or the step (`credentials`) and why. */
export class CollectionError extends BlastpathError {
  override readonly name = 'CollectionError';
  constructor(
    readonly where: string,
    readonly expected: string,
  ) {
    super(`${where}: ${expected}`);
  }
}
