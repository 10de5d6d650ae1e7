// `vindplaats check --format github|gitlab` against the published formats, with independent
// implementations (issue 25). GitLab: the report validated by ajv against GitLab's documented
// "Code Quality report format", written as a JSON Schema in tests/schemas/ (GitLab publishes a
// table, not a schema). GitHub: every annotation must be byte for byte what @actions/core, the
// toolkit GitHub's own actions use, writes for the same finding (`core.error` / `core.warning`
// with file, line, column and title), so the escaping of `%`, CR, LF, `:` and `,` is GitHub's.
// Both on a site whose file name holds all of those characters, and on one with errors and
// warnings. The grammar and the fingerprints are also tested in Rust (tests/it/check_formats.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Ajv from 'ajv';
import * as core from '@actions/core';

import { ROOT, ensureBinary } from './helpers.mjs';

const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, 'tests/schemas/gitlab-code-quality.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(SCHEMA);

const HOSTILE = '50%,a:b\r\nc.md';

/** The minimal site in a temporary folder, its report named `name` with `extra` added. */
function site(t, name, extra) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vindplaats-formats-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(ROOT, 'tests/fixtures/minimal'), dir, { recursive: true });
  const reports = path.join(dir, 'content/rapporten');
  renameSync(path.join(reports, 'verslag.md'), path.join(reports, name));
  appendFileSync(path.join(reports, name), `\n${extra}`);
  return dir;
}

function sites(t) {
  return {
    hostile: site(t, HOSTILE, 'Bel 06-12345678 voor 100% hulp.\n'),
    mixed: site(t, 'verslag.md', 'Zie [de kop](#kop-50%,a).\n\nHet adres is 1312 AB 12.\n'),
  };
}

function check(dir, ...args) {
  const run = spawnSync(ensureBinary(), ['check', ...args], { cwd: dir, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return run;
}

/** What @actions/core writes for one call, captured from standard output. */
function actionsCore(fn, message, properties) {
  const write = process.stdout.write;
  let said = '';
  process.stdout.write = (chunk) => {
    said += chunk;
    return true;
  };
  try {
    fn(message, properties);
  } finally {
    process.stdout.write = write;
  }
  return said;
}

test('the GitLab report is valid against the documented Code Quality format', (t) => {
  for (const [name, dir] of Object.entries(sites(t))) {
    const run = check(dir, '--format', 'gitlab');
    assert.equal(run.status, 1, name);
    assert.notEqual(run.stdout.charCodeAt(0), 0xfeff, 'no byte order mark');
    const report = JSON.parse(run.stdout);
    assert.ok(validate(report), `${name}: ${JSON.stringify(validate.errors, null, 2)}`);
    const findings = JSON.parse(check(dir, '--format', 'json').stdout).filter((f) => f.severity !== 'info');
    assert.equal(report.length, findings.length, name);
    assert.ok(report.length >= 2, name);
  }
  // A clean site: an empty array, valid too.
  const clean = site(t, 'verslag.md', '');
  const report = JSON.parse(check(clean, '--format', 'gitlab').stdout);
  assert.ok(Array.isArray(report) && validate(report));
});

test('the schema refuses what GitLab would not read', () => {
  const good = {
    description: 'fout: x',
    check_name: 'vindplaats/privacy',
    fingerprint: 'abc',
    severity: 'major',
    location: { path: 'content/a.md', lines: { begin: 3 } },
  };
  assert.ok(validate([good]));
  const without = (key) => {
    const copy = structuredClone(good);
    delete copy[key];
    return copy;
  };
  for (const bad of [
    good,
    without('check_name'),
    without('fingerprint'),
    { ...good, severity: 'error' },
    { ...good, location: { path: 'content/a.md' } },
    { ...good, location: { path: 'content/a.md', lines: { begin: '3' } } },
    { ...good, location: { path: 'content/a.md', lines: { begin: 0 } } },
    { ...good, location: { path: '/abs/a.md', lines: { begin: 3 } } },
    { ...good, location: { path: 'content\\a.md', lines: { begin: 3 } } },
  ].slice(1)) {
    assert.ok(!validate([bad]), JSON.stringify(bad));
  }
  assert.ok(!validate(good), 'an array, not one object');
});

test('every GitHub annotation is what @actions/core writes for the same finding', (t) => {
  let compared = 0;
  for (const [name, dir] of Object.entries(sites(t))) {
    const findings = JSON.parse(check(dir, '--format', 'json').stdout).filter((f) => f.severity !== 'info');
    const run = check(dir, '--format', 'github');
    assert.equal(run.status, 1, name);
    const lines = run.stdout.split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.match(lines.pop(), /^Resultaat: \d+ fout(en)?, \d+ waarschuwing(en)?\.$/);
    assert.equal(lines.length, findings.length, run.stdout);
    findings.forEach((f, i) => {
      // The message as docs/reference.md describes it: the place, the message, the hint.
      let place = f.file;
      if (f.line > 0) place += `:${f.line}` + (f.column > 0 ? `:${f.column}` : '');
      const message = `${place}: ${f.message}` + (f.hint ? `\ntip: ${f.hint}` : '');
      const properties = {
        title: `vindplaats check: ${f.rule}`,
        file: f.file,
        startLine: f.line > 0 ? f.line : undefined,
        startColumn: f.line > 0 && f.column > 0 ? f.column : undefined,
      };
      const fn = f.severity === 'fout' ? core.error : core.warning;
      assert.equal(`${lines[i]}${os.EOL}`, actionsCore(fn, message, properties), `${name}, finding ${i}`);
      compared += 1;
    });
  }
  assert.ok(compared >= 5, `${compared} annotations compared`);
  // The hostile name went through every escape.
  const hostile = check(sites(t).hostile, '--format', 'github').stdout;
  assert.ok(hostile.includes('file=content/rapporten/50%25%2Ca%3Ab%0D%0Ac.md'), hostile);
});
