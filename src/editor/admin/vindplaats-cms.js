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
function show({ title, text = '', ok, page, extra = [] }) {
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
  parts.push(...extra);
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
    show({ title: result.summary, text: result.findings, ok: result.errors === 0, page: result.page, extra: result.previous ? [undo(api, result.file)] : [] });
  } catch (e) {
    show({ title: 'De controle kon niet worden gedaan', text: String(e.message ?? e), ok: false });
  }
}

/** The version each file was loaded from, by path (see `watchApi`). */
const loaded = new Map();

/**
 * A button that undoes the save of `path`: the version before it goes back (as a save, so the
 * one undone is kept in turn), and the page reloads to show it in the form.
 */
function undo(api, path) {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Deze opslag ongedaan maken' });
  button.addEventListener('click', async () => {
    const response = await fetch(api, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'vindplaatsRestore', params: { path, loadedVersion: loaded.get(path) } }),
    });
    const answer = await response.json();
    if (response.ok) location.reload();
    else show({ title: 'Niet teruggezet', text: answer.error, ok: false, extra: answer.conflict ? versions(answer.conflict) : [] });
  });
  return button;
}

/**
 * Both texts of a refused save over a changed file, each in a read-only box the person can copy
 * from: their own (not saved) and the one in the file now.
 */
function versions({ yours, onDisk }) {
  const box = (label, text) => {
    const part = document.createElement('details');
    part.open = true;
    const textarea = Object.assign(document.createElement('textarea'), { readOnly: true, rows: 8, value: text ?? '' });
    part.append(Object.assign(document.createElement('summary'), { textContent: label }), textarea);
    return part;
  };
  return [box('Uw versie (niet bewaard)', yours), box('De versie in het bestand nu', onDisk ?? '(het bestand is er niet meer)')];
}

/**
 * Carries the version each file was loaded from into its save, and shows a save that `serve`
 * refused in the panel. Decap's protocol has no version in a save (its own server overwrites
 * whatever is there), but every entry it reads comes with its version (`file.id`, the SHA-256
 * of the bytes): remembered here per path, sent as `loadedVersion` with each data file, and
 * replaced by the new version after a save. A refusal (contact data, or a file changed since
 * it was opened) Decap shows for a few seconds only, with no event for it, so it is shown here.
 */
function watchApi(api) {
  const target = new URL(api, location.href).pathname;
  const remember = (entry) => {
    if (entry?.file?.path) loaded.set(entry.file.path, entry.file.id ?? null);
  };
  const fetchBefore = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (url.pathname !== target || typeof init?.body !== 'string') return fetchBefore(input, init);
    const request = JSON.parse(init.body);
    const saving = request.action === 'persistEntry';
    if (saving) {
      const files = request.params.dataFiles ?? [request.params.entry];
      for (const file of files) {
        if (file && loaded.get(file.path)) file.loadedVersion = loaded.get(file.path);
      }
      init = { ...init, body: JSON.stringify(request) };
    }
    const response = await fetchBefore(input, init);
    response
      .clone()
      .json()
      .then((answer) => {
        if (!response.ok) {
          if (saving) {
            show({ title: 'Niet opgeslagen', text: answer.error, ok: false, extra: answer.conflict ? versions(answer.conflict) : [] });
          }
        } else if (answer?.versions) {
          for (const [path, version] of Object.entries(answer.versions)) loaded.set(path, version);
        } else if (Array.isArray(answer)) {
          answer.forEach(remember);
        } else {
          remember(answer);
        }
      })
      .catch(() => {});
    return response;
  };
}

const config = await (await fetch('config.json', { cache: 'no-store' })).json();
const api = config.backend.name === 'proxy' ? config.backend.proxy_url : null;
if (api) watchApi(api);
await load('vendor/decap-cms.js');
const formats = formatsFor(config);
for (const collection of config.collections) {
  window.CMS.registerCustomFormat(collection.format, collection.extension, formats[collection.format]);
}
if (api) window.CMS.registerEventListener({ name: 'postSave', handler: () => showCheck(api) });
window.CMS.init({ config });
