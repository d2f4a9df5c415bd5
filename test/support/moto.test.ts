/**
 * The moto fixture itself: it starts on loopback, answers, resets, and after stop() nothing
 * listens on its port any more; a Python without moto fails with moto's own words.
 */
import { describe, expect, it } from 'vitest';
import { startMoto } from './moto.js';

const answers = async (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );

describe('the moto fixture', () => {
  it('starts on 127.0.0.1, resets, and is gone after stop()', async () => {
    const moto = await startMoto();
    expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
    expect(await answers(`${moto.endpoint}/moto-api/data.json`)).toBe(true);
    await moto.reset();
    await moto.stop();
    expect(await answers(`${moto.endpoint}/moto-api/data.json`)).toBe(false);
    await moto.stop(); // twice is harmless
  });

  it('fails with a clear message when the interpreter has no moto', async () => {
    await expect(startMoto({ python: 'node', readyTimeoutMs: 5_000 })).rejects.toThrow(/^moto exited before answering/);
  });
});
