// How the editor reads and writes vindplaats's content files, in place of Decap CMS's own TOML
// code (which writes a date picked in the form as a quoted string, and puts keys it has no field
// for in no fixed order). One format per collection of the generated config, registered by
// vindplaats-cms.js; the round-trip test (tests/it/editor.rs) runs these same functions in Node
// over every real content file.
//
// - Front matter between `+++` lines is cut exactly as src/content/front_matter.rs cuts it, and
//   the text after it (the body) is kept byte for byte.
// - Values are written by smol-toml; keys in the order of the config's fields, each key the
//   config does not know after them, in the order the file had them.
// - The value's type comes from the config's widget: a `datetime` field becomes a TOML local
//   date (`date = 2024-05-21`), a `number` field or a choice of numbers a whole number.
// - The comment lines that head a file (the how-to above organisaties.toml, the sources above a
//   round's fields) are kept; comments between the keys are not: the form's hints say the same.

import { parse, stringify, TomlDate } from './vendor/smol-toml.js';

/** The key an entry keeps its file's heading comments under while it is in the editor. */
export const HEAD = '__vindplaats_kop';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Cuts a content file at its `+++` lines: [front matter, body]. A byte-order mark is dropped,
 * as vindplaats drops it.
 */
export function splitFrontMatter(text) {
  const t = text.startsWith('\ufeff') ? text.slice(1) : text;
  const lines = t.split(/(?<=\n)/);
  if (!lines.length || lines[0].trimEnd() !== '+++') {
    throw new Error('het bestand begint niet met gegevens tussen +++ regels');
  }
  let offset = lines[0].length;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trimEnd() === '+++') return [t.slice(lines[0].length, offset), t.slice(offset + lines[i].length)];
    offset += lines[i].length;
  }
  throw new Error('de gegevens bovenaan worden niet afgesloten met een regel +++');
}

/** The comment lines (and blank lines among them) a TOML text starts with, and the rest. */
function heading(toml) {
  const lines = toml.split(/(?<=\n)/);
  let n = 0;
  while (n < lines.length && (lines[n].trim() === '' || lines[n].trimStart().startsWith('#'))) n++;
  const head = lines.slice(0, n).join('');
  return /^\s*#/m.test(head) ? [head, lines.slice(n).join('')] : ['', toml];
}

/** TOML dates as the form holds them: `YYYY-MM-DD` strings, the date picker's own format. */
function fromToml(value) {
  if (value instanceof TomlDate && value.isDate() && !value.isTime()) return value.toISOString();
  if (Array.isArray(value)) return value.map(fromToml);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromToml(v)]));
  }
  return value;
}

/** Whether a choice's values are numbers (a round's year). */
function numericChoice(field) {
  return (field.options ?? []).some((o) => typeof (o?.value ?? o) === 'number');
}

/** A value as the file must hold it, by its field's widget. */
function toToml(value, field) {
  if (!field) return value;
  if (Array.isArray(value)) {
    if (field.widget === 'list' && field.fields) return value.map((item) => ordered(item, field.fields));
    if (field.widget === 'list' && field.field) return value.map((item) => toToml(item, field.field));
    return value.map((item) => toToml(item, { ...field, multiple: false }));
  }
  if (field.widget === 'datetime' && typeof value === 'string' && DATE.test(value)) return new TomlDate(value);
  const wholeNumber = field.widget === 'number' || (field.widget === 'select' && numericChoice(field));
  if (wholeNumber && typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  if (field.widget === 'object' && field.fields && value && typeof value === 'object') return ordered(value, field.fields);
  return value;
}

/**
 * The keys of `data` in the order of `fields`, then the others as they came; values typed by
 * their field. TOML has no empty value: what the form left empty (`null`) is left out, and so
 * is a cleared optional choice (`""`), which would name nothing.
 */
function ordered(data, fields) {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const byName = new Map(fields.map((f) => [f.name, f]));
  const keys = [...fields.map((f) => f.name).filter((k) => k in data), ...Object.keys(data).filter((k) => !byName.has(k))];
  const out = {};
  for (const key of keys) {
    const field = byName.get(key);
    const value = data[key];
    if (value === null || value === undefined) continue;
    if (value === '' && field?.widget === 'select' && field.required === false) continue;
    out[key] = toToml(value, field);
  }
  return out;
}

/** A Markdown file: front matter, then its body (the field `body`). */
function frontMatterFormat(fields) {
  const keyed = fields.filter((f) => f.name !== 'body');
  return {
    fromFile(text) {
      const [frontMatter, body] = splitFrontMatter(text);
      const [head, toml] = heading(frontMatter);
      return { ...fromToml(parse(toml)), body, ...(head ? { [HEAD]: head } : {}) };
    },
    toFile(data) {
      const { body = '', [HEAD]: head = '', ...values } = data;
      return `+++\n${head}${stringify(ordered(values, keyed))}+++\n${body}`;
    },
  };
}

/** A TOML file of lists (`[[organisatie]]`): one list field per key. */
function listFormat(fields) {
  return {
    fromFile(text) {
      const [head, toml] = heading(text);
      return { ...fromToml(parse(toml)), ...(head ? { [HEAD]: head } : {}) };
    },
    toFile(data) {
      const { [HEAD]: head = '', ...values } = data;
      return `${head}${listToml(ordered(values, fields))}`;
    },
  };
}

/** A table of TOML (not a list, a date or a text). */
function isTable(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof TomlDate) && !(value instanceof Date);
}

/**
 * A list file as the project writes it by hand and its loader reads it, entry by entry: each
 * `[[initiatief]]` block with its own lists of tables inline (`links = [{ … }]`), not as the
 * `[[initiatief.links]]` sub-tables smol-toml writes, which start a block of their own for the
 * loader (src/toml_doc.rs, `entries`).
 */
function listToml(values) {
  let out = '';
  for (const [key, entries] of Object.entries(values)) {
    if (!Array.isArray(entries) || !entries.every(isTable)) {
      out += stringify({ [key]: entries });
      continue;
    }
    for (const entry of entries) {
      const plain = {};
      const inline = [];
      for (const [k, v] of Object.entries(entry)) {
        if (Array.isArray(v) && v.some(isTable)) inline.push([k, v]);
        else plain[k] = v;
      }
      out += `${out ? '\n' : ''}[[${key}]]\n${stringify(plain)}`;
      for (const [k, list] of inline) {
        const tables = list.map((t) => `  { ${stringify(t).trim().split('\n').join(', ')} },\n`);
        out += `${k} = [\n${tables.join('')}]\n`;
      }
    }
  }
  return out;
}

/**
 * The formats the config names, by name: for each collection whose `format` is one of ours,
 * read and written by the fields of that collection (a collection of files: of all of them).
 */
export function formatsFor(config) {
  const formats = {};
  for (const collection of config.collections) {
    if (!collection.format?.startsWith('vindplaats-')) continue;
    const fields = collection.fields ?? (collection.files ?? []).flatMap((f) => f.fields);
    formats[collection.format] =
      collection.extension === 'md' ? frontMatterFormat(fields) : listFormat(fields);
  }
  return formats;
}

/**
 * What Decap does with a file between opening and saving it, without a form: read it, copy the
 * entry's data as its store does, write it, and end it with a newline (Decap's `entryToRaw`).
 * The round-trip test uses it; the browser does the same through Decap.
 */
export function resave(format, text) {
  const data = structuredClone(format.fromFile(text));
  const raw = format.toFile(data);
  return raw.endsWith('\n') ? raw : `${raw}\n`;
}
