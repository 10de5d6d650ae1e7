// The editor's start: loads Decap CMS (vendor/decap-cms.js) with vindplaats's own formats
// (vindplaats-format.js) and the configuration vindplaats generated from its content model
// (config.json), and, with `vindplaats serve`, shows the check of each saved file in Dutch.
//
// Decap is started by hand (CMS_MANUAL_INIT), so the formats the configuration names are
// registered before it reads a file. Everything here is a file of the same site: the
// editor's Content-Security-Policy allows no other script.

import { formatsFor } from './vindplaats-format.js';

window.CMS_MANUAL_INIT = true;

/** Loads a classic script (Decap's bundle finds its own chunks next to it). */
function load(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} kon niet worden geladen`));
    document.head.append(script);
  });
}

/** The panel under the form that says what the check found: one live region, read out. */
function show({ title, text = '', ok, page }) {
  let panel = document.getElementById('vindplaats-controle');
  if (!panel) {
    panel = document.createElement('section');
    panel.id = 'vindplaats-controle';
    panel.setAttribute('aria-live', 'polite');
    panel.setAttribute('aria-labelledby', 'vindplaats-controle-kop');
    document.body.append(panel);
  }
  const heading = Object.assign(document.createElement('h2'), { id: 'vindplaats-controle-kop', textContent: title });
  const parts = [heading];
  if (text) parts.push(Object.assign(document.createElement('pre'), { textContent: text }));
  if (page) {
    parts.push(Object.assign(document.createElement('a'), { href: page, target: '_blank', textContent: 'Bekijk de pagina in het voorbeeld' }));
  }
  const close = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Sluiten' });
  close.addEventListener('click', () => {
    panel.hidden = true;
  });
  parts.push(close);
  panel.className = ok ? '' : 'fout';
  panel.hidden = false;
  panel.replaceChildren(...parts);
}

/** Asks `serve` what the check of the last saved file found, and shows it. */
async function showCheck(api) {
  try {
    const response = await fetch(api, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'vindplaatsCheck', params: {} }),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.error);
    show({ title: result.summary, text: result.findings, ok: result.errors === 0, page: result.page });
  } catch (e) {
    show({ title: 'De controle kon niet worden gedaan', text: String(e.message ?? e), ok: false });
  }
}

/**
 * Shows a save that `serve` refused (contact data in the text) in the same panel. Decap shows it
 * for a few seconds only and has no event for a failed save, so its requests to `serve` are
 * watched here.
 */
function watchRefusals(api) {
  const target = new URL(api, location.href).pathname;
  const fetchBefore = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await fetchBefore(input, init);
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (!response.ok && url.pathname === target && String(init?.body).includes('"persistEntry"')) {
      response
        .clone()
        .json()
        .then((e) => show({ title: 'Niet opgeslagen', text: e.error, ok: false }))
        .catch(() => {});
    }
    return response;
  };
}

const config = await (await fetch('config.json', { cache: 'no-store' })).json();
const api = config.backend.name === 'proxy' ? config.backend.proxy_url : null;
if (api) watchRefusals(api);
await load('vendor/decap-cms.js');
const formats = formatsFor(config);
for (const collection of config.collections) {
  window.CMS.registerCustomFormat(collection.format, collection.extension, formats[collection.format]);
}
if (api) window.CMS.registerEventListener({ name: 'postSave', handler: () => showCheck(api) });
window.CMS.init({ config });
