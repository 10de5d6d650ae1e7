#!/usr/bin/env python3
"""A Hugo site with the same reports as a vindplaats site, for `scripts/bench --peers`.

Usage: scripts/peers-hugo.py [--minimal] SITE_ROOT HUGO_DIR

Every report of SITE_ROOT/content/rapporten/ becomes a Hugo page with the same Markdown body,
title, date and description; the lists vindplaats makes become Hugo's own: the list of reports
(the section, newest first), a page per theme, organisation and round (taxonomies `themas`,
`organisaties`, `edities`, each term with its reports), and the lists of those terms. Lists
paginate at 200, as vindplaats's do. Themes and rounds keep their introductions (term pages
with content). What Hugo has no equivalent for is left out, and named in the bench's notes:
the search index, initiative pages (vindplaats finds the mentions in the text), open data.

--minimal: the smallest Hugo site with the same report pages, for the ratio Hugo's users would
quote: one taxonomy (themes), lists not paginated, no contents, no previous/next, no RSS.
"""
import os
import re
import sys

PAGE_SIZE = 200

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a>
<nav aria-label="Hoofdmenu"><ul>
<li><a href="{{ "themas/" | relURL }}">Thema's</a></li>
<li><a href="{{ "rapporten/" | relURL }}">Verslagen</a></li>
<li><a href="{{ "organisaties/" | relURL }}">Organisaties</a></li>
<li><a href="{{ "edities/" | relURL }}">Edities</a></li>
</ul></nav></header>
<main id="hoofdinhoud">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ .Site.Title }}</p></footer>
</body>
</html>
""",
    "_default/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<dl><dt>Datum</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></dd>
<dt>Thema</dt><dd>{{ range .GetTerms "themas" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Organisaties</dt><dd><ul>{{ range .GetTerms "organisaties" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd></dl>
<nav aria-label="Inhoud">{{ .TableOfContents }}</nav>
{{ .Content }}
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pager := .Paginate .Pages.ByDate }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></li>
{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.Taxonomies.themas.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ $pager := .Paginate (where .Site.RegularPages "Section" "rapporten").ByDate.Reverse }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}
""",
}


def front_matter(text):
    """The TOML front matter between +++ lines, and the body after it."""
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n?(.*)", text, re.S)
    if not m:
        return None, text
    return m.group(1), m.group(2)


def value(toml, key):
    m = re.search(rf'^{key}\s*=\s*(.+)$', toml, re.M)
    return m.group(1).strip() if m else None


def strings(raw):
    """The strings of a one-line TOML array."""
    return re.findall(r'"((?:[^"\\]|\\.)*)"', raw or "")


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def minimal(layouts):
    """The layouts of the minimal site: the same pages without contents and previous/next."""
    layouts = dict(layouts)
    single = layouts["_default/single.html"]
    single = single.replace('<nav aria-label="Inhoud">{{ .TableOfContents }}</nav>\n', "")
    single = re.sub(r"\{\{ with \.(Prev|Next)InSection \}\}.*\n", "", single)
    single = re.sub(r"<dt>Organisaties</dt>.*?</dl>", "</dl>", single, flags=re.S)
    layouts["_default/single.html"] = single
    layouts["_default/baseof.html"] = re.sub(
        r"\{\{ with \.OutputFormats\.Get \"rss\" \}\}.*\n", "", layouts["_default/baseof.html"]
    )
    for name in ("_default/list.html", "index.html"):
        layouts[name] = layouts[name].replace('{{ template "_internal/pagination.html" . }}', "")
    return layouts


def main(root, out, small=False):
    content = os.path.join(root, "content")
    os.makedirs(os.path.join(out, "content", "rapporten"), exist_ok=True)
    for name, text in (minimal(LAYOUTS) if small else LAYOUTS).items():
        path = os.path.join(out, "layouts", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    title = value(open(os.path.join(root, "vindplaats.toml")).read(), "title") or '"Site"'
    with open(os.path.join(out, "hugo.toml"), "w") as f:
        if small:
            # One page per list: a page size no list reaches.
            f.write(
                f'baseURL = "https://example.org/"\nlanguageCode = "nl"\ntitle = {title}\n'
                'paginate = 1000000\nbuildFuture = true\ndisableKinds = ["RSS"]\n'
                '[taxonomies]\n  thema = "themas"\n'
                "[markup.goldmark.renderer]\n  unsafe = false\n"
            )
        else:
            f.write(
                f'baseURL = "https://example.org/"\nlanguageCode = "nl"\ntitle = {title}\n'
                f"paginate = {PAGE_SIZE}\nbuildFuture = true\n"
                '[taxonomies]\n  thema = "themas"\n  organisatie = "organisaties"\n  editie = "edities"\n'
                "[markup.goldmark.renderer]\n  unsafe = false\n"
            )
    reports = 0
    for folder, _, files in os.walk(os.path.join(content, "rapporten")):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            fm, body = front_matter(open(os.path.join(folder, name), encoding="utf-8").read())
            if fm is None:
                continue
            date = value(fm, "date")
            year = date[:4]
            lines = [
                f"title = {value(fm, 'title')}",
                f"date = {date}",
                f"description = {value(fm, 'description') or quote('')}",
                f"themas = [{value(fm, 'topic')}]",
            ]
            if not small:
                lines += [
                    "organisaties = [" + ", ".join(quote(o) for o in strings(value(fm, "organisations"))) + "]",
                    f'edities = ["{year}"]',
                ]
            slug = name[:-3]
            with open(os.path.join(out, "content", "rapporten", f"{slug}.md"), "w", encoding="utf-8") as f:
                f.write("+++\n" + "\n".join(lines) + "\n+++\n" + body)
            reports += 1
    # Themes and rounds with their introductions, as term pages with content.
    for kind, taxonomy in (("themas", "themas"),) + (() if small else (("edities", "edities"),)):
        folder = os.path.join(content, kind)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            if not name.endswith(".md"):
                continue
            fm, body = front_matter(open(os.path.join(folder, name), encoding="utf-8").read())
            term = os.path.join(out, "content", taxonomy, name[:-3])
            os.makedirs(term, exist_ok=True)
            with open(os.path.join(term, "_index.md"), "w", encoding="utf-8") as f:
                f.write(f"+++\ntitle = {value(fm or '', 'title') or quote(name[:-3])}\n+++\n{body}")
    print(reports)


if __name__ == "__main__":
    args = sys.argv[1:]
    small = args[:1] == ["--minimal"]
    if small:
        args = args[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    main(args[0], args[1], small)
