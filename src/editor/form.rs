//! The editor's configuration (Decap CMS's `config`), generated from the content model: each
//! kind of content is a collection, each front-matter key a form field made from its entry in
//! the model's field table ([`Field`]: label, hint, example, choices), so a key added to a
//! table is in the form without another edit.
//!
//! A field's widget comes from its example's value (text, whole number, date, switch, list, list
//! of tables) unless the table says more ([`Input`]: a longer text, a time, a choice). Choices
//! read from the content (themes, rounds, organisations, initiatives, reports) are the values
//! on disk when the configuration is made: `serve` makes it on every load of the editor, `build`
//! once per build.

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::config::{EditorBackend, EditorConfig};
use crate::content::{edition, front_matter, initiative, report, synonyms, topic};
use crate::toml_doc::{Choices, Field, Input};

/// One kind of content in the editor.
struct Collection {
    name: &'static str,
    label: &'static str,
    label_singular: &'static str,
    description: &'static str,
    source: Source,
}

/// Where a collection's content is.
enum Source {
    /// A folder of Markdown files with front matter, and the text under it.
    Folder {
        folder: &'static str,
        fields: &'static [Field],
        /// The label and hint of the text under the front matter.
        body: (&'static str, &'static str),
        /// How a new file is named, in Decap's template language.
        slug: &'static str,
        /// Files may be in subfolders (a year's folder of reports).
        nested: bool,
        /// A new entry starts as a concept, as `new` makes it.
        starts_as_concept: bool,
        /// How an entry is named in the list, in Decap's template language.
        summary: &'static str,
    },
    /// One TOML file of `[[key]]` tables.
    List {
        file: &'static str,
        key: &'static str,
        fields: &'static [Field],
        /// The field that names an entry in the list.
        summary: &'static str,
    },
}

/// The collections, in the order the editor lists them: the team's usual work first.
const COLLECTIONS: &[Collection] = &[
    Collection {
        name: "rapporten",
        label: "Verslagen",
        label_singular: "Verslag",
        description: "Elk verslag van een thematafel, getrouw overgenomen: elke zin, in dezelfde volgorde.",
        source: Source::Folder {
            folder: "content/rapporten",
            fields: report::FIELDS,
            body: (
                "Tekst van het verslag",
                "In Markdown, zin voor zin zoals in het origineel. ## voor een kopje, - voor een \
                 opsomming, een lege regel tussen alinea's. Laat persoonlijke e-mailadressen en \
                 telefoonnummers weg.",
            ),
            slug: "{{slug}}",
            nested: true,
            starts_as_concept: true,
            // Two tables of one theme can have the same title: the date tells them apart.
            summary: "{{title}} ({{date | date('D-M-YYYY')}})",
        },
    },
    Collection {
        name: "edities",
        label: "Rondes",
        label_singular: "Ronde",
        description: edition::ABOUT,
        source: Source::Folder {
            folder: "content/edities",
            fields: edition::FIELDS,
            body: (
                "Inleiding",
                "Een paar korte zinnen: wanneer de thematafels waren, over welke thema's en wie er \
                 meepraatten. De site zet deze tekst bovenaan de pagina van de ronde.",
            ),
            slug: "{{fields.year}}",
            nested: false,
            starts_as_concept: true,
            summary: "{{title}}",
        },
    },
    Collection {
        name: "themas",
        label: "Thema's",
        label_singular: "Thema",
        description: "De thema's van de thematafels. Elk verslag hoort bij één thema.",
        source: Source::Folder {
            folder: "content/themas",
            fields: topic::FIELDS,
            body: (
                "Inleiding",
                "Een korte inleiding op het thema, in gewone woorden, met alleen wat de verslagen \
                 zeggen.",
            ),
            slug: "{{slug}}",
            nested: false,
            starts_as_concept: false,
            summary: "{{title}}",
        },
    },
    Collection {
        name: "initiatieven",
        label: "Initiatieven",
        label_singular: "Initiatief",
        description: "De initiatieven, plekken en ideeën die de verslagen noemen. Elk woord over een initiatief staat in een verslag.",
        source: Source::List {
            file: "content/initiatieven.toml",
            key: "initiatief",
            fields: initiative::INITIATIVE_FIELDS,
            summary: "name",
        },
    },
    Collection {
        name: "organisaties",
        label: "Organisaties",
        label_singular: "Organisatie",
        description: "De organisaties die meededen, met elke schrijfwijze uit de verslagen.",
        source: Source::List {
            file: "content/organisaties.toml",
            key: "organisatie",
            fields: initiative::ORGANISATION_FIELDS,
            summary: "name",
        },
    },
    Collection {
        name: "synoniemen",
        label: "Synoniemen",
        label_singular: "Groep synoniemen",
        description: "Woorden die inwoners typen voor wat de verslagen anders noemen: zoeken vindt dan ook de andere woorden van de groep.",
        source: Source::List {
            file: "content/synoniemen.toml",
            key: "groep",
            fields: synonyms::FIELDS,
            summary: "woorden",
        },
    },
];

/// Where the editor saves: `serve`'s own backend, or the site's repository.
pub enum Backend<'a> {
    /// `vindplaats serve`, at this address (a path on the same host).
    Local { api: String },
    /// GitLab or GitHub, as `[editor]` in `vindplaats.toml` says.
    Online {
        editor: &'a EditorConfig,
        site_url: &'a str,
    },
}

/// The configuration for the content in `root`'s `content/`, saving through `backend`.
pub fn config(root: &Path, backend: &Backend) -> Value {
    let choices = Options::read(&root.join("content"));
    let mut config = Map::new();
    config.insert("backend".into(), backend_config(backend));
    if let Backend::Online {
        editor, site_url, ..
    } = backend
    {
        config.insert("site_url".into(), json!(site_url));
        config.insert("display_url".into(), json!(site_url));
        if editor.review {
            config.insert("publish_mode".into(), json!("editorial_workflow"));
        }
    }
    // The scripts pass this config to Decap themselves (vindplaats-cms.js), after registering
    // the formats it names.
    config.insert("load_config_file".into(), json!(false));
    config.insert("locale".into(), json!("nl"));
    // Required by Decap; no field takes images, and the local backend refuses them.
    config.insert("media_folder".into(), json!("content/media"));
    // File names as vindplaats wants them: lowercase letters, digits and hyphens.
    config.insert(
        "slug".into(),
        json!({ "encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-" }),
    );
    config.insert(
        "collections".into(),
        Value::Array(
            COLLECTIONS
                .iter()
                .map(|c| collection(c, &choices))
                .collect(),
        ),
    );
    Value::Object(config)
}

fn backend_config(backend: &Backend) -> Value {
    match backend {
        Backend::Local { api } => json!({ "name": "proxy", "proxy_url": api, "branch": "main" }),
        Backend::Online { editor, .. } => match editor.backend {
            EditorBackend::Gitlab => {
                let mut b = json!({
                    "name": "gitlab",
                    "repo": editor.repo,
                    "branch": editor.branch,
                    "auth_type": "pkce",
                    "app_id": editor.app_id.as_deref().unwrap_or_default(),
                });
                if let Some(url) = &editor.gitlab_url {
                    let url = url.trim_end_matches('/');
                    b["base_url"] = json!(url);
                    b["api_root"] = json!(format!("{url}/api/v4"));
                    b["auth_endpoint"] = json!("oauth/authorize");
                }
                b
            }
            EditorBackend::Github => json!({
                "name": "github",
                "repo": editor.repo,
                "branch": editor.branch,
                "base_url": editor.auth_url.as_deref().unwrap_or_default().trim_end_matches('/'),
            }),
        },
    }
}

fn collection(c: &Collection, choices: &Options) -> Value {
    let mut out = json!({
        "name": c.name,
        "label": c.label,
        "label_singular": c.label_singular,
        "description": c.description,
        // Decap's own preview knows nothing of the site's pages: `serve` shows the real page.
        "editor": { "preview": false },
        "format": format!("vindplaats-{}", c.name),
    });
    match &c.source {
        Source::Folder {
            folder,
            fields,
            body,
            slug,
            nested,
            starts_as_concept,
            summary,
        } => {
            out["folder"] = json!(folder);
            out["extension"] = json!("md");
            out["create"] = json!(true);
            out["slug"] = json!(slug);
            out["summary"] = json!(summary);
            let mut form: Vec<Value> = fields.iter().map(|f| field(f, choices)).collect();
            if *starts_as_concept {
                for f in form.iter_mut().filter(|f| f["name"] == "concept") {
                    f["default"] = json!(true);
                }
            }
            // A plain text area: the text is saved exactly as typed, never through a rich-text
            // model (the transcriptions must stay as they are).
            form.push(json!({
                "name": "body",
                "label": body.0,
                "hint": body.1,
                "widget": "text",
                "required": false,
            }));
            out["fields"] = Value::Array(form);
            if *nested {
                out["nested"] = json!({ "depth": 3, "subfolders": false });
                // The folder under content/rapporten/, empty for the folder itself. Decap makes
                // this field required unless told otherwise; the reports of the first round have
                // no folder of their own.
                out["meta"] = json!({ "path": {
                    "widget": "string",
                    "label": "Map (leeg, of een jaar zoals 2024)",
                    "required": false,
                } });
            }
        }
        Source::List {
            file,
            key,
            fields,
            summary,
        } => {
            out["extension"] = json!("toml");
            out["files"] = json!([{
                "name": c.name,
                "label": format!("Alle {}", c.label.to_lowercase()),
                "file": file,
                "fields": [{
                    "name": key,
                    "label": c.label,
                    "label_singular": c.label_singular,
                    "widget": "list",
                    "collapsed": true,
                    "summary": format!("{{{{fields.{summary}}}}}"),
                    "fields": fields.iter().map(|f| field(f, choices)).collect::<Vec<_>>(),
                }],
            }]);
        }
    }
    out
}

/// One form field: the key's label and hint, its widget from `input` or its example.
fn field(f: &Field, choices: &Options) -> Value {
    let example = example_value(f);
    let mut out = match f.input {
        Input::Text => json!({ "widget": "text" }),
        Input::Time => json!({
            "widget": "string",
            "pattern": ["^([01][0-9]|2[0-3]):[0-5][0-9]$", "Schrijf de tijd als uren:minuten, bijvoorbeeld 09:30"],
        }),
        Input::OneOf(from) => json!({ "widget": "select", "options": choices.of(from) }),
        Input::SomeOf(from) => {
            json!({ "widget": "select", "multiple": true, "options": choices.of(from) })
        }
        Input::Example => match &example {
            Some(value) => widget(value, f.fields, choices),
            None => json!({ "widget": "string" }),
        },
    };
    let label = if f.label.is_empty() { f.name } else { f.label };
    // Each value of a list of texts in a box of its own, under the list's name.
    if out["field"].is_object() {
        out["field"]["label"] = json!(label);
    }
    out["name"] = json!(f.name);
    out["label"] = json!(label);
    if !f.hint.is_empty() {
        out["hint"] = json!(f.hint);
    }
    out["required"] = json!(f.required);
    out
}

/// The value of the example line of `f` (`date = 2023-05-23` → a date).
fn example_value(f: &Field) -> Option<toml::Value> {
    toml::from_str::<toml::Table>(f.example)
        .ok()?
        .remove(f.name)
}

/// The widget for a value like `value`; a list of tables gets a field per key, from `fields`
/// where the model names them, else from the example's own keys.
fn widget(value: &toml::Value, fields: &[Field], choices: &Options) -> Value {
    match value {
        toml::Value::String(_) => json!({ "widget": "string" }),
        toml::Value::Integer(_) => json!({ "widget": "number", "value_type": "int" }),
        toml::Value::Float(_) => json!({ "widget": "number", "value_type": "float" }),
        toml::Value::Boolean(_) => json!({ "widget": "boolean" }),
        // A date picker; the format keeps the value a TOML date (vindplaats-format.js).
        toml::Value::Datetime(_) => json!({
            "widget": "datetime",
            "date_format": "YYYY-MM-DD",
            "time_format": false,
            "format": "YYYY-MM-DD",
        }),
        toml::Value::Array(items) => match items.first() {
            Some(toml::Value::Table(table)) => {
                let sub: Vec<Value> = if fields.is_empty() {
                    table
                        .iter()
                        .map(|(name, v)| {
                            let mut w = widget(v, &[], choices);
                            w["name"] = json!(name);
                            w["label"] = json!(name);
                            w["required"] = json!(false);
                            w
                        })
                        .collect()
                } else {
                    fields.iter().map(|f| field(f, choices)).collect()
                };
                let first = sub
                    .first()
                    .and_then(|f| f["name"].as_str())
                    .unwrap_or_default();
                json!({
                    "widget": "list",
                    "collapsed": true,
                    "summary": format!("{{{{fields.{first}}}}}"),
                    "fields": sub,
                })
            }
            // One field per item, so a value with a comma stays one value (a list without
            // `field` is a single line split at commas).
            Some(item) => {
                let mut one = widget(item, &[], choices);
                one["name"] = json!("waarde");
                one["label"] = json!("Waarde");
                json!({ "widget": "list", "field": one })
            }
            None => {
                json!({ "widget": "list", "field": { "name": "waarde", "label": "Waarde", "widget": "string" } })
            }
        },
        toml::Value::Table(_) => json!({ "widget": "object", "fields": [] }),
    }
}

/// The values the content offers for each kind of choice, read leniently from the files (a
/// file with an error offers what can be read): the editor must also open when the content
/// has an error, to mend it.
#[derive(Debug, Default)]
struct Options {
    topics: Vec<Value>,
    editions: Vec<Value>,
    organisations: Vec<Value>,
    initiatives: Vec<Value>,
    reports: Vec<Value>,
}

impl Options {
    // Longer than most: one lenient reader per kind of choice (themes, rounds, organisations,
    // initiatives, reports), each a few lines, kept together so they read the files alike.
    fn read(content: &Path) -> Options {
        let titled = |folder: &str| -> Vec<(String, String)> {
            let mut items: Vec<(String, String)> = walkdir::WalkDir::new(content.join(folder))
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md")
                })
                .filter_map(|e| {
                    let stem = e.path().file_stem()?.to_string_lossy().into_owned();
                    let text = std::fs::read_to_string(e.path()).ok()?;
                    let title = front_matter::split(e.path(), &text)
                        .ok()
                        .and_then(|s| toml::from_str::<toml::Table>(s.front_matter).ok())
                        .and_then(|t| t.get("title")?.as_str().map(str::to_owned))
                        .unwrap_or_else(|| stem.clone());
                    Some((stem, title))
                })
                .collect();
            items.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
            items
        };
        let labelled = |items: Vec<(String, String)>| -> Vec<Value> {
            items
                .into_iter()
                .map(|(value, label)| json!({ "label": label, "value": value }))
                .collect()
        };
        let list = |file: &str, key: &str| -> Vec<toml::Table> {
            std::fs::read_to_string(content.join(file))
                .ok()
                .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
                .and_then(|mut t| match t.remove(key)? {
                    toml::Value::Array(items) => Some(items),
                    _ => None,
                })
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| match v {
                    toml::Value::Table(t) => Some(t),
                    _ => None,
                })
                .collect()
        };
        let text =
            |t: &toml::Table, key: &str| t.get(key).and_then(|v| v.as_str()).map(str::to_owned);

        let mut years: Vec<i64> = titled("edities")
            .into_iter()
            .filter_map(|(stem, _)| stem.parse().ok())
            .collect();
        years.sort_unstable();
        // Every form a report may write, each labelled with the organisation it belongs to.
        let mut organisations: Vec<(String, String)> =
            list(initiative::ORGANISATIONS_FILE, "organisatie")
                .iter()
                .flat_map(|o| {
                    let name = text(o, "name").unwrap_or_default();
                    o.get("variants")
                        .and_then(|v| v.as_array())
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.as_str())
                        .map(move |v| {
                            let label = if v == name {
                                v.to_owned()
                            } else {
                                format!("{v} – {name}")
                            };
                            (v.to_owned(), label)
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
        organisations.sort_by_key(|a| a.1.to_lowercase());
        organisations.dedup_by(|a, b| a.0 == b.0);
        let mut initiatives: Vec<(String, String)> =
            list(initiative::INITIATIVES_FILE, "initiatief")
                .iter()
                .filter_map(|i| Some((text(i, "slug")?, text(i, "name")?)))
                .collect();
        initiatives.sort_by_key(|a| a.1.to_lowercase());
        Options {
            topics: labelled(titled("themas")),
            editions: years
                .into_iter()
                .map(|y| json!({ "label": y.to_string(), "value": y }))
                .collect(),
            organisations: labelled(organisations),
            initiatives: labelled(initiatives),
            reports: labelled(titled("rapporten")),
        }
    }

    fn of(&self, from: Choices) -> Vec<Value> {
        match from {
            Choices::Words(words) => words.iter().map(|w| json!(w)).collect(),
            Choices::Topics => self.topics.clone(),
            Choices::Editions => self.editions.clone(),
            Choices::Organisations => self.organisations.clone(),
            Choices::Initiatives => self.initiatives.clone(),
            Choices::Reports => self.reports.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toml_doc::{optional, required};

    /// A key added to a model's field table is in the form, with a widget its example implies,
    /// with no other edit: here a table with a date, a list of texts, a number, a switch and a
    /// list of tables nobody described further.
    #[test]
    fn a_new_field_appears_in_the_form_from_its_example() {
        const FIELDS: &[Field] = &[
            required("title", "title = \"X\"").label("Titel"),
            optional("since", "since = 2024-01-31"),
            optional("tags", "tags = [\"a\", \"b\"]"),
            optional("visitors", "visitors = 12"),
            optional("open", "open = true"),
            optional(
                "links",
                "links = [{ text = \"Website\", url = \"https://example.org/\" }]",
            ),
        ];
        let form: Vec<Value> = FIELDS
            .iter()
            .map(|f| field(f, &Options::default()))
            .collect();
        let by = |name: &str| form.iter().find(|f| f["name"] == name).unwrap().clone();
        assert_eq!(by("title")["label"], "Titel");
        assert_eq!(by("title")["required"], true);
        assert_eq!(by("since")["widget"], "datetime");
        assert_eq!(by("since")["required"], false);
        assert_eq!(by("since")["label"], "since");
        assert_eq!(by("tags")["widget"], "list");
        assert_eq!(by("tags")["field"]["widget"], "string");
        assert_eq!(by("visitors")["value_type"], "int");
        assert_eq!(by("open")["widget"], "boolean");
        let links = by("links");
        assert_eq!(links["widget"], "list");
        let keys: Vec<&str> = links["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(keys, ["text", "url"]);
    }

    /// Every key of every collection is in the form, in the table's order, with the body last:
    /// the form follows the field tables.
    #[test]
    fn the_form_follows_the_field_tables() {
        let tmp = tempfile::tempdir().unwrap();
        let config = config(tmp.path(), &Backend::Local { api: "/api".into() });
        for (c, json) in COLLECTIONS
            .iter()
            .zip(config["collections"].as_array().unwrap())
        {
            let (fields, form) = match &c.source {
                Source::Folder { fields, .. } => (*fields, &json["fields"]),
                Source::List { fields, .. } => (*fields, &json["files"][0]["fields"][0]["fields"]),
            };
            let names: Vec<&str> = form
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .filter(|n| *n != "body")
                .collect();
            let expected: Vec<&str> = fields.iter().map(|f| f.name).collect();
            assert_eq!(names, expected, "{}", c.name);
            // Every example in the tables is valid TOML for its own key.
            for f in fields {
                assert!(example_value(f).is_some(), "{}: {}", c.name, f.example);
            }
        }
    }
}
