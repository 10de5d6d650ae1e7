// Shared machinery of the browser tests: build the site into a temporary folder, serve it,
// drive headless Chromium (the system's /usr/bin/chromium through playwright-core; nothing is
// ever downloaded), collect what goes wrong on each page, and clean everything up.

import { execFile } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { chromium } from 'playwright-core';

import { startServer } from './server.mjs';

const run = promisify(execFile);

/** The repository's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM = process.env.VINDPLAATS_CHROMIUM ?? '/usr/bin/chromium';

/** The launch flags: no sandbox (CI runs as root), no network of its own, nothing kept. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** axe-core's script, and the rule tags every accessibility check runs: WCAG 2.0–2.2 A and AA. */
export const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** The schemes a resident may browse in: emulated media features for page.emulateMedia. */
export const SCHEMES = {
  light: { colorScheme: 'light', forcedColors: 'none' },
  dark: { colorScheme: 'dark', forcedColors: 'none' },
  'forced colours': { colorScheme: 'light', forcedColors: 'active' },
};

/** Base URL to build with for a site served under /sociale-staat/. */
export const SUBPATH_BASE_URL = 'https://example.org/sociale-staat/';

/** The release binary; built with cargo when it is not there yet. */
/** One page of each kind of the real site (by its address): the pages the scheme, layout and
 *  enlarged-text checks visit. One list, so a new kind of page is checked everywhere. */
export const PAGE_KINDS = [
  '',
  'themas/',
  'themas/eenzaamheid/',
  'rapporten/',
  'rapporten/eenzaamheid/',
  'edities/',
  'edities/2023/',
  'initiatieven/',
  'initiatieven/sociaal-cafe/',
  'organisaties/',
  'zoeken/',
  'toegankelijkheid/',
  '404.html',
];

export function binaryPath() {
  if (process.env.VINDPLAATS_BIN) return process.env.VINDPLAATS_BIN;
  const target = process.env.CARGO_TARGET_DIR
    ? path.resolve(ROOT, process.env.CARGO_TARGET_DIR)
    : path.join(ROOT, 'target');
  return path.join(target, 'release', 'vindplaats');
}

let binaryChecked = false;
export function ensureBinary() {
  const bin = binaryPath();
  if (!binaryChecked && !existsSync(bin)) {
    const result = spawnSync('cargo', ['build', '--release', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0 || !existsSync(bin)) {
      throw new Error(`cargo build --release failed (status ${result.status}); no ${bin}`);
    }
  }
  binaryChecked = true;
  return bin;
}

/** Builds the site (the repository's, or the one at `root`) into a fresh temporary folder. */
export async function buildSite({ baseUrl, root } = {}) {
  const bin = ensureBinary();
  const out = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-site-'));
  const args = ['build', '--output', out, '--quiet'];
  if (root) args.push('--root', root);
  if (baseUrl) args.push('--base-url', baseUrl);
  try {
    await run(bin, args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    await rm(out, { recursive: true, force: true });
    throw new Error(`${bin} ${args.join(' ')} failed:\n${err.stderr || err.message}`);
  }
  return out;
}

/**
 * Every HTML page of a built site: { file, rel, urlPath }, where urlPath is the address
 * relative to the site's root ("", "rapporten/eenzaamheid/", "404.html"). Sorted.
 */
export async function listPages(dir) {
  const pages = [];
  async function walk(sub) {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.name.endsWith('.html')) {
        const urlPath = rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
        pages.push({ file: path.join(dir, rel), rel, urlPath });
      }
    }
  }
  await walk('');
  return pages.sort((a, b) => a.urlPath.localeCompare(b.urlPath));
}

/**
 * A test's resources, torn down in reverse order by close(): sites (built folders), servers
 * and one browser.
 */
export class Harness {
  constructor() {
    this.cleanups = [];
  }

  defer(fn) {
    this.cleanups.push(fn);
  }

  /** Builds the site and serves it: { dir, server, url, prefix, pages }. */
  async site({ baseUrl, prefix = '/', csp = false, root } = {}) {
    const dir = await buildSite({ baseUrl, root });
    this.defer(() => rm(dir, { recursive: true, force: true }));
    const server = await startServer({ root: dir, prefix, csp });
    this.defer(() => server.close());
    return { dir, server, url: server.url, prefix: server.prefix, origin: server.origin, pages: await listPages(dir) };
  }

  /**
   * Launches Chromium with a fresh profile folder and returns its (persistent) context. Every
   * page of it records CSP violations in window.__cspViolations.
   */
  async browser({ viewport = { width: 1280, height: 900 } } = {}) {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} not found: install Debian's chromium (scripts/test-browser does)`);
    }
    const profile = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-chromium-'));
    this.defer(() => rm(profile, { recursive: true, force: true }));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      locale: 'nl-NL',
      timeout: 60_000,
    });
    this.defer(() => context.close());
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          source: e.sourceFile,
          line: e.lineNumber,
          sample: e.sample,
        });
      });
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    return context;
  }

  async close() {
    const errors = [];
    while (this.cleanups.length) {
      const fn = this.cleanups.pop();
      try {
        await fn();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw errors[0];
  }
}

/** A page of the context (the first one it opened, or a new one), with its problems recorded. */
export async function trackedPage(context, { reuseFirst = true } = {}) {
  const page = reuseFirst && context.pages().length ? context.pages()[0] : await context.newPage();
  return track(page);
}

/**
 * Records console errors, uncaught page errors and failed requests on `page`. problems() gives
 * those since the last reset(), each as one readable line with the page's address.
 */
export function track(page) {
  const seen = [];
  // Chromium asks every origin for /favicon.ico by itself when a page names no icon; that
  // request is the browser's, not the site's, and a site served under a sub-path cannot answer
  // it. An icon the page does name is checked like any other resource.
  const isAutoFavicon = (url) => {
    try {
      return new URL(url).pathname === '/favicon.ico';
    } catch {
      return false;
    }
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      // Chromium also logs the deliberate 404 of a missing page's document.
      if (page.__expect404 && /status of 404/.test(msg.text()) && loc?.url === page.url()) return;
      if (loc?.url && isAutoFavicon(loc.url)) return;
      seen.push(`console error on ${page.url()}: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => seen.push(`page error on ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A navigation cancels what the previous document still had in flight: not a fault.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    seen.push(`request failed on ${page.url()}: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    // The document of a deliberately missing page is expected to be a 404; nothing else is.
    if (isAutoFavicon(res.url())) return;
    if (res.status() >= 400 && !(res.request().isNavigationRequest() && page.__expect404)) {
      seen.push(`HTTP ${res.status()} on ${page.url()}: ${res.url()}`);
    }
  });
  return {
    page,
    reset() {
      seen.length = 0;
    },
    problems() {
      return [...seen];
    },
    /** CSP violations the current document saw. */
    async cspViolations() {
      return page.evaluate(() => window.__cspViolations ?? []);
    },
    /** Navigates and returns the response; `expect404` allows a 404 for the document itself. */
    async goto(url, { expect404 = false } = {}) {
      page.__expect404 = expect404;
      return page.goto(url, { waitUntil: 'load' });
    },
  };
}

/** A string as a CSS attribute value in double quotes. */
export function cssString(value) {
  return `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

/**
 * Waits until the result list `listSelector` has finished rendering `query`
 * (data-state="klaar" and data-query equal to the query, or to one of several queries).
 */
export async function waitForResults(page, listSelector, query, { timeout = 5_000 } = {}) {
  const queries = Array.isArray(query) ? query : [query];
  const which = queries.map((q) => `[data-query=${cssString(q)}]`).join(',');
  const selector = `${listSelector}[data-state="klaar"]:is(${which})`;
  try {
    await page.locator(selector).waitFor({ state: 'attached', timeout });
  } catch (err) {
    const now = await page
      .evaluate((sel) => {
        const el = document.querySelector(sel);
        return el ? `data-state=${el.dataset.state} data-query=${el.dataset.query}` : 'no such element';
      }, listSelector)
      .catch(() => 'page gone');
    throw new Error(`${listSelector} never said data-state="klaar" for ${queries.map((q) => JSON.stringify(q)).join(' or ')} (now: ${now}) on ${page.url()}`);
  }
}

/**
 * The results in `listSelector`, in order: { href (absolute), path (relative to the site's
 * prefix, with fragment), page (without fragment), title, crumb, snippet, snippetChildren
 * (tag names of the snippet's element children, deep), marks (texts of its <mark>s) }.
 */
export async function readResults(page, listSelector, prefix) {
  const raw = await page.$$eval(`${listSelector} > li`, (items) =>
    items.map((li) => {
      const a = li.querySelector('a[href]');
      const snippet = li.querySelector('.snippet');
      return {
        href: a ? a.href : null,
        title: a ? a.textContent.trim() : '',
        crumb: li.querySelector('.crumb')?.textContent.trim() ?? null,
        snippet: snippet ? snippet.textContent : null,
        snippetChildren: snippet ? [...snippet.querySelectorAll('*')].map((el) => el.tagName.toLowerCase()) : [],
        marks: snippet ? [...snippet.querySelectorAll('mark')].map((m) => m.textContent) : [],
      };
    }),
  );
  return raw.map((r) => ({ ...r, ...sitePath(r.href, prefix) }));
}

/** An absolute URL's path relative to the site's prefix: { path: 'a/b/#x', page: 'a/b/' }. */
export function sitePath(href, prefix) {
  if (!href) return { path: null, page: null };
  const url = new URL(href);
  let p = decodeURIComponent(url.pathname);
  if (!p.startsWith(prefix)) return { path: `(outside ${prefix}) ${p}${url.hash}`, page: `(outside ${prefix}) ${p}` };
  p = p.slice(prefix.length).replace(/(^|\/)index\.html$/, '$1');
  return { path: p + url.hash, page: p };
}

/** One line per value, indented, for assertion messages. */
export function lines(values) {
  return values.map((v) => `    ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('\n');
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
