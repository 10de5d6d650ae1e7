// The editor's format (src/editor/admin/vindplaats-format.js) in Node, for the Rust tests of
// tests/it/editor.rs: the same functions the browser runs, on files on disk. Not a test itself.
//
//   node tests/browser/editor-format.mjs resave CONFIG ROOT FILE...
//       opens each FILE (relative to ROOT) as the editor does and saves it unchanged, in place
//   node tests/browser/editor-format.mjs new CONFIG COLLECTION DATA
//       prints the file the editor writes for a new entry of COLLECTION whose form holds the
//       JSON in the file DATA (values as Decap's widgets give them)

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { formatsFor, resave } from '../../src/editor/admin/vindplaats-format.js';

const [command, configFile, ...rest] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configFile, 'utf8'));
const formats = formatsFor(config);

/** The format of the collection a file belongs to, by the collection's folder or file. */
function formatOf(file) {
  for (const c of config.collections) {
    const own = c.folder ? file.startsWith(`${c.folder}/`) : (c.files ?? []).some((f) => f.file === file);
    if (own) return formats[c.format];
  }
  throw new Error(`no collection holds ${file}`);
}

if (command === 'resave') {
  const [root, ...files] = rest;
  for (const file of files) {
    const full = path.join(root, file);
    writeFileSync(full, resave(formatOf(file), readFileSync(full, 'utf8')));
  }
} else if (command === 'new') {
  const [name, dataFile] = rest;
  const collection = config.collections.find((c) => c.name === name);
  const raw = formats[collection.format].toFile(JSON.parse(readFileSync(dataFile, 'utf8')));
  process.stdout.write(raw.endsWith('\n') ? raw : `${raw}\n`);
} else {
  throw new Error(`unknown command ${command}`);
}
