/**
 * A real headless Chromium for the HTML report tests: Debian's `chromium` package (installed by
 * .ci/run when missing), driven by playwright-core, which uses that binary and downloads
 * nothing. Pages are served from 127.0.0.1 by a server the test starts; every request the page
 * makes, to the server or anywhere else, is recorded so the test can assert there are none.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where the browser lives; BLASTPATH_CHROMIUM overrides it. */
export const CHROMIUM = process.env.BLASTPATH_CHROMIUM ?? '/usr/bin/chromium';

/** The flags every run uses (besides the fresh --user-data-dir playwright passes). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails with the fix in the message when the browser is missing (never skips). */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the HTML report test needs Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does this on CI) or set BLASTPATH_CHROMIUM`);
  }
}

/** A page of one served document, with what it requested and what it logged as errors. */
export interface BrowserSession {
  page: Page;
  url: string;
  /** Every URL the page requested (including the document itself). */
  requests: string[];
  /** Paths the loopback server was asked for besides the document. */
  serverMisses: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

function serve(body: string): Promise<{ server: Server; misses: string[]; url: string }> {
  const misses: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/report.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
      return;
    }
    misses.push(req.url ?? '');
    res.writeHead(404).end();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, misses, url: `http://127.0.0.1:${port}/report.html` });
    });
  });
}

/** Serves `html` on loopback and opens it in a fresh headless Chromium profile. */
export async function openInChromium(html: string): Promise<BrowserSession> {
  requireChromium();
  const { server, misses, url } = await serve(html);
  const profile = mkdtempSync(join(tmpdir(), 'blastpath-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1400, height: 900 } });
    const page = context.pages()[0] ?? (await context.newPage());
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url, { waitUntil: 'load' });
    const open = context;
    return {
      page,
      url,
      requests,
      serverMisses: misses,
      errors,
      close: async () => {
        await open.close();
        server.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
