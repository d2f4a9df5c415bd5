/**
 * Writes a snapshot atomically: to a temporary file beside the target, then renamed over it.
 * An interrupted or failed write leaves no file, or the previous one, never a truncated one.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { redactFreeText, type Snapshot } from '../snapshot/index.js';

/**
 * Writes `snapshot` to `path` (gzip-compressed when it ends in `.gz`); throws InputError naming
 * the path. Like every output, the text is filtered: a key in a description or tag stays out.
 */
export async function writeSnapshot(path: string, snapshot: Snapshot): Promise<void> {
  const text = `${JSON.stringify(redactFreeText(snapshot), null, 2)}\n`;
  const data = path.endsWith('.gz') ? gzipSync(text) : Buffer.from(text, 'utf8');
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      // Data on disk before the rename makes it visible: a crash cannot expose a short file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new InputError(`--output ${path}`, `cannot write: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * Fails now, with the reason, when `path` cannot be written later: its folder is missing or
 * read-only, or the path is a folder. Nothing is created.
 */
export async function checkWritable(path: string): Promise<void> {
  const folder = dirname(path);
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw new InputError(`--output ${path}`, 'cannot write: it is a directory');
  const parent = await stat(folder).catch((error: NodeJS.ErrnoException) => error);
  if (parent instanceof Error) throw new InputError(`--output ${path}`, `cannot write: folder ${folder}: ${parent.code === 'ENOENT' ? 'no such directory' : (parent.code ?? String(parent))}`);
  if (!parent.isDirectory()) throw new InputError(`--output ${path}`, `cannot write: ${folder} is not a directory`);
  await access(folder, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`--output ${path}`, `cannot write: folder ${folder}: ${error.code === 'EACCES' ? 'permission denied' : (error.code ?? String(error))}`);
  });
}
