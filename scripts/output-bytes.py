#!/usr/bin/env python3
"""Where a built site's bytes go: per page kind and per part of the search index.

Usage: scripts/output-bytes.py PUBLIC_DIR

Prints a Markdown table (kind, files, bytes, share, bytes per file) for BENCHMARKS.md. A kind
is read from the path alone, in the order of KINDS (the first pattern that matches wins), so the
table follows the site's URL layout (src/urls.rs) and needs no build.
"""
import os
import re
import sys

KINDS = [
    ("report pages", r"^rapporten/[^/]+/index\.html$"),
    ("list of reports (paginated)", r"^rapporten/(pagina/\d+/)?index\.html$"),
    ("open data: reports", r"^rapporten/index\.json$"),
    ("initiative pages (paginated)", r"^initiatieven/[^/]+/(pagina/\d+/)?index\.html$"),
    ("list of initiatives", r"^initiatieven/index\.html$"),
    ("open data: initiatives", r"^initiatieven/index\.json$"),
    ("theme feeds", r"^themas/[^/]+/feed\.xml$"),
    ("theme pages (paginated)", r"^themas/"),
    ("organisation pages", r"^organisaties/"),
    ("round pages", r"^edities/"),
    ("search index: documents (d*.js)", r"^static/zoek/d\d+\.[0-9a-f]+\.js$"),
    ("search index: shards (i*.js)", r"^static/zoek/i\d+\.[0-9a-f]+\.js$"),
    ("search index: tables of chunk hashes (t*.js)", r"^static/zoek/t\d+\.[0-9a-f]+\.js$"),
    ("search index: vocabulary (woorden.js)", r"^static/zoek/woorden\.[0-9a-f]+\.js$"),
    ("search index: field lengths (lengtes.js)", r"^static/zoek/lengtes\.[0-9a-f]+\.js$"),
    ("search index: first file", r"^zoekindex\.js$"),
    ("scripts, style, icons", r"^static/"),
    ("feed", r"^feed\.xml$"),
    ("sitemap", r"^sitemap"),
    ("other (home, search, 404, host files)", r""),
]


def main(root):
    totals = {name: [0, 0] for name, _ in KINDS}
    patterns = [(name, re.compile(p)) for name, p in KINDS]
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(folder, f)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            size = os.path.getsize(path)
            for name, p in patterns:
                if p.search(rel):
                    totals[name][0] += 1
                    totals[name][1] += size
                    break
    whole = sum(b for _, b in totals.values()) or 1
    print("| Part | Files | MB | Share | KB per file |")
    print("|---|---:|---:|---:|---:|")
    for name, _ in KINDS:
        n, b = totals[name]
        if n:
            print(f"| {name} | {n} | {b / 1e6:.1f} | {100 * b / whole:.1f} % | {b / n / 1e3:.1f} |")
    print(f"| **total** | {sum(n for n, _ in totals.values())} | **{whole / 1e6:.1f}** | 100 % | |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
