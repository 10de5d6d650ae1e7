// What the site's scripts share through `window`, for the type check of the search scripts
// (`tsc --checkJs`, run by scripts/test-browser): the engine, the index and its parts, the
// Dutch pipeline and the vendored elasticlunr and stemmer.
interface Window {
  vindplaatsZoeken: any;
  vindplaatsZoekdata: any;
  /** What search.js loads, from the site's root (theme.rs, `name_search_files`). */
  vindplaatsBestanden: { zoeken: string[]; index: string; markeren: string[] };
  vindplaatsZoekdeel: (name: string, data: any) => void;
  vindplaatsNl: any;
  vindplaatsStemmerNl: any;
  vindplaatsMarkeer: any;
  elasticlunr: any;
}
