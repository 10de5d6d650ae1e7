// The editor (issue 25) as the team uses it: `vindplaats serve` on a copy of the real site, the
// editor at /__vindplaats/beheer/ in Chromium. Its generated configuration passes Decap's own
// validator (and a broken one does not); a round and a report are made through the forms (date
// picker, theme and organisations chosen from the lists, the text typed), each save shows the
// check in Dutch, the preview has the new page, and the site then builds with the report; a
// synonym group is added to a list file, whose heading comments stay; a
// private phone number is refused with the Dutch message and the file stays as it was. The
// editor's policy (`'unsafe-eval'`, inline styles) is sent with the editor only, and no
// violation of it occurs.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';

import { Harness, ROOT, ensureBinary, lines, track } from './helpers.mjs';

const run = promisify(execFile);

/** A copy of the real site served by `vindplaats serve` on a free port: { root, url, editor }. */
async function serveCopy(h) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-editor-'));
  h.defer(() => rm(root, { recursive: true, force: true }));
  for (const part of ['content', 'themes', 'vindplaats.toml']) {
    await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
  }
  const child = spawn(ensureBinary(), ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  h.defer(() => new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill();
  }));
  child.stderr.resume();
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /Voorbeeld op (http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve stopped (${code}):\n${out}`)));
  });
  return { root, url, editor: `${url}__vindplaats/beheer/` };
}

const REPORT = 'content/rapporten/2024/verslag-thematafel-eenzaamheid-2024.md';

describe('the editor served by vindplaats serve', () => {
  const h = new Harness();
  let site;
  let tp;

  before(async () => {
    site = await serveCopy(h);
    tp = track(await (await h.browser()).newPage());
  });

  after(() => h.close());

  /** Opens the editor, logging in the first time (the local backend asks for no password). */
  async function open(hash = '') {
    const response = await tp.goto(site.editor);
    const login = tp.page.getByRole('button', { name: 'Inloggen' });
    const home = tp.page.getByRole('link', { name: 'Inhoud' });
    await login.or(home).first().waitFor();
    if (await login.isVisible()) await login.click();
    await home.waitFor();
    if (hash) await tp.page.evaluate((h) => { location.hash = h; }, hash);
    return response;
  }

  /** Publishes the entry in the form: "Publiceer", then "Publiceer nu". */
  async function publish() {
    await tp.page.getByRole('button', { name: 'Publiceer' }).click();
    await tp.page.getByText('Publiceer nu').click();
  }

  /** Chooses `text` in the choice list labelled `label`, by typing as a person would. */
  async function choose(label, text) {
    await tp.page.getByLabel(label, { exact: true }).click();
    await tp.page.keyboard.type(text);
    await tp.page.keyboard.press('Enter');
  }

  /** The check panel once it says `title` (a string or a pattern): its text. */
  async function panel(title) {
    const heading = tp.page.locator('#vindplaats-controle h2');
    await assert.doesNotReject(heading.filter({ hasText: title }).waitFor(), `the check panel never said ${title}`);
    return tp.page.locator('#vindplaats-controle').innerText();
  }

  async function cleanConsole() {
    const violations = await tp.cspViolations();
    const problems = [...tp.problems(), ...violations.map((v) => `CSP violation: ${JSON.stringify(v)}`)];
    assert.deepEqual(problems, [], lines(problems));
  }

  it("loads under its own policy, and Decap's validator accepts the generated configuration", async () => {
    tp.reset();
    const response = await open();
    const policy = response.headers()['content-security-policy'];
    assert.match(policy, /^default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline';/);
    const nav = tp.page.getByRole('navigation').or(tp.page.locator('body'));
    for (const label of ['Verslagen', 'Rondes', "Thema's", 'Initiatieven', 'Organisaties', 'Synoniemen']) {
      await nav.getByRole('link', { name: label, exact: true }).first().waitFor();
    }
    await tp.page.getByText('Verslag thematafel Eenzaamheid (23-5-2023)').waitFor();
    await cleanConsole();
    // The public pages keep the site's own (serve sends none; the build's files do, see
    // headers.test.mjs) and load nothing of the editor.
    const home = await fetch(site.url).then((r) => r.text());
    assert.doesNotMatch(home, /beheer|decap|vindplaats-cms/);
  });

  it('a broken configuration is refused by the same validator (the check can fail)', async () => {
    const page = await (await h.browser()).newPage();
    await page.route('**/config.json', async (route) => {
      const config = await (await route.fetch()).json();
      delete config.collections[0].fields;
      await route.fulfill({ json: config });
    });
    await page.goto(site.editor);
    await page.getByText("'collections[0]' must have required property 'fields'").waitFor();
    await page.close();
  });

  it('makes round 2024 through the form and shows its check', async () => {
    tp.reset();
    await open('#/collections/edities/new');
    const p = tp.page;
    await p.getByLabel('Jaar').fill('2024');
    await p.getByLabel('Naam van de ronde').fill('De sociale staat van Almere 2024');
    await p.getByRole('button', { name: 'Voeg organisatoren toe' }).click();
    await p.getByLabel('Organisatoren', { exact: true }).last().fill('de gemeente Almere');
    await p.getByRole('button', { name: 'Voeg onderzoeksbureaus toe' }).click();
    await p.getByLabel('Onderzoeksbureaus', { exact: true }).last().fill('Movisie');
    await p.getByLabel('Korte beschrijving').fill('De thematafels van 2024 over eenzaamheid.');
    // A new round starts as a concept; this one is published at once.
    const concept = p.getByRole('switch', { name: 'Concept' });
    assert.equal(await concept.getAttribute('aria-checked'), 'true');
    await concept.click();
    await p.getByLabel('Inleiding').fill('In 2024 spraken professionals opnieuw over de stad.\n');
    await publish();
    const text = await panel('Bewaard: content/edities/2024.md. Geen fouten, wel 1 waarschuwing.');
    assert.match(text, /waarschuwing: de ronde 2024 heeft nog geen verslagen/);
    const written = await readFile(path.join(site.root, 'content/edities/2024.md'), 'utf8');
    assert.match(written, /^\+\+\+\nyear = 2024\ntitle = "De sociale staat van Almere 2024"\n/);
    assert.match(written, /\nconcept = false\n\+\+\+\nIn 2024 spraken professionals opnieuw over de stad\.\n$/);
    await cleanConsole();
  });

  it('makes a report through the form: date picker, theme, two organisations, the text; check and preview', async () => {
    tp.reset();
    await open('#/collections/rapporten');
    const p = tp.page;
    await p.getByRole('link', { name: 'Item van type Verslag maken' }).click();
    await p.getByLabel('Titel').fill('Verslag thematafel Eenzaamheid 2024');
    await p.getByLabel(/^Map/).fill('2024');
    await choose('Thema', 'Eenzaam');
    const date = p.getByLabel('Datum');
    assert.equal(await date.getAttribute('type'), 'date', 'a date picker');
    await date.fill('2024-05-21');
    await p.getByLabel('Begintijd').fill('09:30');
    await p.getByLabel('Eindtijd').fill('11:30');
    await p.getByLabel('Plek').fill('Bibliotheek, Almere');
    await p.getByLabel('Aantal deelnemers').fill('18');
    await choose('Organisaties', 'De Schoor');
    await choose('Organisaties', 'Humanitas');
    await p.getByLabel('Korte beschrijving').fill('Verslag van de thematafel over eenzaamheid in 2024.');
    await p.getByRole('switch', { name: 'Concept' }).click();
    const body = '## Opening\n\nDe deelnemers spraken over eenzaamheid in de wijk.\n';
    await p.getByLabel('Tekst van het verslag').fill(body);
    await publish();
    const text = await panel(`Bewaard: ${REPORT}. De controle vond geen fouten.`);
    assert.doesNotMatch(text, /fout:/);
    const written = await readFile(path.join(site.root, REPORT), 'utf8');
    for (const line of [
      'title = "Verslag thematafel Eenzaamheid 2024"',
      'topic = "eenzaamheid"',
      'date = 2024-05-21',
      'participants = 18',
      'organisations = [ "De Schoor", "Humanitas" ]',
      'concept = false',
    ]) {
      assert.ok(written.includes(`\n${line}\n`), `${line} in\n${written}`);
    }
    assert.ok(written.endsWith(`+++\n${body}`), written);
    // The panel links the page in the preview, which serve has rebuilt by now or soon.
    const page = `${site.url}rapporten/verslag-thematafel-eenzaamheid-2024/`;
    assert.equal(await p.locator('#vindplaats-controle a').getAttribute('href'), new URL(page).pathname);
    let html = '';
    for (let i = 0; i < 100 && !html.includes('De deelnemers spraken over eenzaamheid in de wijk.'); i++) {
      const res = await fetch(page);
      html = res.ok ? await res.text() : '';
      if (!html.includes('wijk')) await new Promise((r) => setTimeout(r, 200));
    }
    assert.match(html, /De deelnemers spraken over eenzaamheid in de wijk\./, 'the preview shows the new report');
    await cleanConsole();

    // And the site builds with it, as published.
    const out = await mkdtemp(path.join(os.tmpdir(), 'vindplaats-editor-build-'));
    h.defer(() => rm(out, { recursive: true, force: true }));
    await run(ensureBinary(), ['build', '--root', site.root, '--output', out, '--quiet']);
    const built = await readFile(path.join(out, 'rapporten/verslag-thematafel-eenzaamheid-2024/index.html'), 'utf8');
    assert.match(built, /De deelnemers spraken over eenzaamheid in de wijk\./);
    assert.match(built, /De Schoor/);
  });

  it('adds a synonym group to a list file through the form; the heading comments stay', async () => {
    tp.reset();
    const file = path.join(site.root, 'content/synoniemen.toml');
    const before = await readFile(file, 'utf8');
    await open('#/collections/synoniemen/entries/synoniemen');
    const p = tp.page;
    await p.getByRole('button', { name: 'Voeg groep synoniemen toe' }).click();
    const add = p.getByRole('button', { name: 'Voeg woorden toe' }).last();
    for (const word of ['speeltuin', 'speelplek']) {
      await add.click();
      await p.getByLabel('Woorden', { exact: true }).last().fill(word);
    }
    await p.getByLabel('Toelichting').last().fill('Inwoners zeggen speeltuin; de verslagen zeggen speelplek.');
    await publish();
    await panel('Bewaard: content/synoniemen.toml. De controle vond geen fouten.');
    const after = await readFile(file, 'utf8');
    const heading = (t) => t.slice(0, t.indexOf('[[groep]]'));
    assert.equal(heading(after), heading(before));
    assert.ok(
      after.endsWith('[[groep]]\nwoorden = [ "speeltuin", "speelplek" ]\ntoelichting = "Inwoners zeggen speeltuin; de verslagen zeggen speelplek."\n'),
      after,
    );
    await cleanConsole();
  });

  it('refuses a private phone number with the Dutch message, and the file stays as it was', async () => {
    tp.reset();
    const before = await readFile(path.join(site.root, REPORT), 'utf8');
    await open('#/collections/rapporten/entries/2024/verslag-thematafel-eenzaamheid-2024');
    const p = tp.page;
    const body = p.getByLabel('Tekst van het verslag');
    await body.waitFor();
    await body.press('End');
    await body.pressSequentially('\nBel Piet: 06-12345678\n');
    await publish();
    const text = await panel('Niet opgeslagen');
    assert.match(text, /niet bewaard, want de tekst bevat contactgegevens die niet op de site mogen/);
    assert.match(text, /regel \d+: telefoonnummer: 06-12345678/);
    // Decap's own message says the same.
    await p.getByText(/Kan item niet opslaan: .*niet bewaard, want de tekst bevat contactgegevens/).first().waitFor();
    assert.equal(await readFile(path.join(site.root, REPORT), 'utf8'), before);
    // The refused request is the one expected error: its status, Decap logging it, and the
    // rejected promise Decap's save leaves unhandled (its message is the error object).
    const expected = /HTTP 422 .*__vindplaats\/beheer\/api|status of 422|API_ERROR: niet bewaard, want|page error on .*: Object$/;
    const problems = tp.problems().filter((x) => !expected.test(x));
    assert.deepEqual(problems, [], lines(problems));
    assert.deepEqual(await tp.cspViolations(), []);
  });
});
