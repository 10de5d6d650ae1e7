// Help in the same place (WCAG 3.2.6): with `contact_url` and/or `contact_email` in
// vindplaats.toml, every page shows "Vragen over deze verslagen?" with the contact route in
// the same place (the first thing in the footer); without them, nothing at all. An address
// that is not in `privacy_allowlist` stops the build. Checked on copies of the minimal fixture
// site, with axe-core (WCAG 2.2 A/AA) on a page of each kind.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

import { AXE, AXE_TAGS, Harness, ROOT, ensureBinary, lines, trackedPage } from './helpers.mjs';

const run = promisify(execFile);
const CONTACT_URL = 'https://www.almere.nl/contact';
const CONTACT_EMAIL = 'info@example.org';

/** A copy of the minimal fixture site with `extra` appended to its vindplaats.toml. */
async function fixtureWith(extra) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-contact-'));
  await cp(path.join(ROOT, 'tests', 'fixtures', 'minimal'), dir, { recursive: true });
  const config = path.join(dir, 'vindplaats.toml');
  await writeFile(config, `${await readFile(config, 'utf8')}${extra}`);
  return dir;
}

/** The help block of the page as it is now: where it sits, its heading and its links. */
const readHelp = (page) =>
  page.evaluate(() => {
    const blocks = [...document.querySelectorAll('.help')];
    const help = blocks[0];
    if (!help) return { count: 0 };
    return {
      count: blocks.length,
      inPlace: help === document.querySelector('body > footer.site-footer > .wrap > :first-child'),
      heading: help.querySelector('h2')?.textContent.trim(),
      links: [...help.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
      visible: help.getBoundingClientRect().height > 0,
    };
  });

describe('help in the same place: the contact route from vindplaats.toml', () => {
  const h = new Harness();
  let tp;
  const sites = {};

  before(async () => {
    for (const [key, extra] of Object.entries({
      both: `privacy_allowlist = ["${CONTACT_EMAIL}"]\ncontact_url = "${CONTACT_URL}"\ncontact_email = "${CONTACT_EMAIL}"\n`,
      url: `contact_url = "${CONTACT_URL}"\n`,
      none: '',
    })) {
      const root = await fixtureWith(extra);
      h.defer(() => rm(root, { recursive: true, force: true }));
      sites[key] = await h.site({ root });
    }
    tp = await trackedPage(await h.browser({ viewport: { width: 360, height: 780 } }));
  });
  after(() => h.close());

  it('with a URL and an address: every page shows both, first in the footer', async () => {
    const site = sites.both;
    const wrong = [];
    for (const p of site.pages) {
      const missing = p.urlPath === '404.html';
      await tp.goto(missing ? `${site.url}bestaat/niet/` : site.url + p.urlPath, { expect404: missing });
      const help = await readHelp(tp.page);
      const want = {
        count: 1,
        inPlace: true,
        heading: 'Vragen over deze verslagen?',
        links: [
          { href: CONTACT_URL, text: 'Neem contact op met de gemeente Almere' },
          { href: `mailto:${CONTACT_EMAIL}`, text: CONTACT_EMAIL },
        ],
        visible: true,
      };
      try {
        assert.deepEqual(help, want);
      } catch {
        wrong.push(`${p.urlPath || '(home)'}: ${JSON.stringify(help)}`);
      }
    }
    assert.ok(site.pages.length >= 8, `only ${site.pages.length} pages`);
    assert.deepEqual(wrong, [], `help block not as expected:\n${lines(wrong)}`);
  });

  it('with only a URL: the link, no address', async () => {
    await tp.goto(sites.url.url);
    const help = await readHelp(tp.page);
    assert.equal(help.count, 1);
    assert.deepEqual(help.links, [{ href: CONTACT_URL, text: 'Neem contact op met de gemeente Almere' }]);
  });

  it('without a contact route: no help block and no empty heading on any page', async () => {
    const site = sites.none;
    const shown = [];
    for (const p of site.pages) {
      const html = await readFile(p.file, 'utf8');
      if (/class="?help|Vragen over deze verslagen/.test(html)) shown.push(p.rel);
    }
    assert.deepEqual(shown, [], 'pages with a help block although the config has no contact route');
  });

  it('axe-core (WCAG 2.2 A/AA) with the help block, in light, dark and forced colours', async () => {
    const found = [];
    for (const urlPath of ['', 'rapporten/verslag/', 'zoeken/']) {
      for (const media of [
        { colorScheme: 'light', forcedColors: 'none' },
        { colorScheme: 'dark', forcedColors: 'none' },
        { colorScheme: 'light', forcedColors: 'active' },
      ]) {
        await tp.page.emulateMedia(media);
        await tp.goto(sites.both.url + urlPath);
        await tp.page.addScriptTag({ path: AXE });
        const result = await tp.page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          AXE_TAGS,
        );
        for (const v of result.violations) found.push(`${urlPath || '(home)'} ${JSON.stringify(media)}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    await tp.page.emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
    assert.deepEqual(found, [], `axe-core violations:\n${lines(found)}`);
  });

  it('an address that is not in privacy_allowlist stops the build, in Dutch', async () => {
    const root = await fixtureWith(`contact_email = "j.jansen@example.org"\n`);
    const out = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-contact-out-'));
    try {
      const err = await run(ensureBinary(), ['build', '--root', root, '--output', out, '--quiet'], { cwd: ROOT }).then(
        () => null,
        (e) => e,
      );
      assert.ok(err, 'the build succeeded with a contact address outside privacy_allowlist');
      assert.equal(err.code, 1, `exit code ${err.code}`);
      assert.match(err.stderr, /contact_email 'j\.jansen@example\.org' staat niet in privacy_allowlist/);
    } finally {
      await rm(root, { recursive: true, force: true });
      await rm(out, { recursive: true, force: true });
    }
  });
});
