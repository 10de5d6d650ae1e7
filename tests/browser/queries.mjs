// The resident queries of the search tests, each with what it must find and why: shared by
// search.test.mjs (in Chromium) and sharding.test.mjs (one index against shards, in Node).
// See search.test.mjs for the meaning of first/all/any/none/suggest.

const R = 'rapporten/';
const I = 'initiatieven/';
const T = 'themas/';
const BESTAAN_SAMENWERKING = `${R}bestaanszekerheid/#samenwerking-over-leefgebieden-heen-met-de-client-centraal`;
const BESTAAN_VERTROUWEN = `${R}bestaanszekerheid/#werken-vanuit-vertrouwen`;
const BESTAAN_CAPACITEIT = `${R}bestaanszekerheid/#investeren-in-capaciteit-en-deskundigheidsbevordering`;
const BASIS_VRIJWILLIGERS = `${R}sociale-basis/#potentie-onder-inwoners-voor-het-doen-van-vrijwilligerswerk`;
const BASIS_WONINGEN = `${R}sociale-basis/#woningen-voor-jongeren`;
const FYSIEK_VERGRIJZING = `${R}sociale-kwaliteit-en-fysieke-omgeving/#voorsorteren-op-vergrijzing-met-mobiliteitsbeleid`;
const EENZAAM_AANBOD = `${R}eenzaamheid/#aanbod-sluit-niet-goed-aan-bij-behoefte-kenmerken-van-mensen-zelf`;
const FYSIEK_LOCATIES = `${R}sociale-kwaliteit-en-fysieke-omgeving/#naar-laagdrempelige-en-kleinschalige-locaties-voor-ontmoeting`;
const JONG_OVERDRACHT = `${R}jong-in-almere-16-mei/#een-warme-overdracht-en-gegevensuitwisseling`;

/** The resident queries. `why` says where the words are in content/. */
export const QUERIES = [
  // Inflections: each form must also find text that has only the other form.
  { q: 'gezinnen', any: [BESTAAN_VERTROUWEN, BESTAAN_SAMENWERKING, `${I}naamloze-pilot/`], why: '"gezinnen" in bestaanszekerheid and De Naamloze Pilot' },
  { q: 'gezin', any: [BESTAAN_VERTROUWEN, `${I}naamloze-pilot/`, `${I}college-van-herstelexperts/`, `${R}eenzaamheid/#voorzieningen-in-de-wijk-afschalen-van-aanbod-tijdelijk-geld`], why: 'these say only "gezinnen"' },
  { q: 'buurthuis', all: [EENZAAM_AANBOD, FYSIEK_LOCATIES], why: 'the sections say "buurthuis"' },
  { q: 'buurthuizen', all: [EENZAAM_AANBOD, FYSIEK_LOCATIES], why: 'no text says "buurthuizen": the plural meets "buurthuis" through the stemmer' },
  { q: 'wijkteams', any: [`${R}eenzaamheid/#voor-jongeren`, `${R}eenzaamheid/#oplossingsrichtingen`, `${I}buurtcentrum-cobra/`], why: 'these say only "het wijkteam" (buurtcentrum Cobra)' },
  { q: 'wijkteam', any: [BESTAAN_SAMENWERKING, BESTAAN_CAPACITEIT, `${I}sociaal-cafe/`], why: 'these say only "wijkteams"' },
  { q: 'huisarts', all: [`${I}sociaal-cafe/`, BESTAAN_SAMENWERKING], why: '"huisartsen" organise the Sociaal Café with the wijkteams' },
  { q: 'scootmobiel', all: [FYSIEK_VERGRIJZING], why: '"toegankelijkheid voor scootmobielen"' },
  { q: 'kangoeroewoning', all: [`${I}kangoeroewoningen/`], why: 'the initiative is named in the plural' },
  // Typed without accents or apostrophes.
  { q: 'clienten', all: [BESTAAN_SAMENWERKING], why: '"met de cliënt centraal"' },
  { q: 'ideeen', all: [`${R}eenzaamheid/#wat-is-eenzaamheid`], why: '"innerlijke gevoelens en ideeën"' },
  { q: 'sociaal cafe', all: [`${I}sociaal-cafe/`, BESTAAN_SAMENWERKING], why: 'the Sociaal Café, named in bestaanszekerheid' },
  { q: "zzp'ers", all: [`${R}bestaanszekerheid/#doelgroepen`], why: '"ZZP’ers" among the groups' },
  // Several words.
  { q: 'naamloze pilot', first: `${I}naamloze-pilot/`, all: [BESTAAN_VERTROUWEN], why: '"De Naamloze Pilot", named under werken vanuit vertrouwen' },
  { q: 'welcome app', all: [`${I}welcome-app/`], why: 'the Welcome app for newcomers' },
  { q: 'positieve gezondheid', all: [`${I}positieve-gezondheid/`, `${R}sociale-kwaliteit-en-fysieke-omgeving/#positieve-gezondheid-als-model-om-behoeften-in-kaart-te-brengen`], why: 'initiative and section heading' },
  { q: 'tiny houses', all: [`${I}tiny-houses/`, BASIS_WONINGEN], why: 'the initiative and where it is named' },
  { q: 'huiselijk geweld', all: [BESTAAN_CAPACITEIT, `${R}jong-in-almere-1-juni/`], why: '"de toename van huiselijk geweld"; "kindermishandeling en huiselijk geweld"' },
  { q: 'wantrouwen overheid', all: [`${R}sociale-basis/#enig-wantrouwen-naar-de-overheid`], why: 'section "Enig wantrouwen naar de overheid"' },
  // Acronyms.
  { q: 'GGD', all: [`${R}bestaanszekerheid/`, `${R}sociale-kwaliteit-en-fysieke-omgeving/`], why: 'GGD Flevoland and GGD took part in these two' },
  { q: 'UWV', all: [BASIS_VRIJWILLIGERS], why: '"vanuit UWV/W&I worden belemmeringen opgeworpen"' },
  { q: 'Wlz', all: [BESTAAN_VERTROUWEN], why: '"schuldhulpverlening aan mensen in de Wlz"' },
  { q: 'AVG', all: [JONG_OVERDRACHT], why: '"De AVG-wetgeving is een dilemma"' },
  { q: 'ESAR', all: [`${I}esar/`, JONG_OVERDRACHT], why: 'the old signalling system' },
  // Initiatives by name.
  { q: 'droomspeelbus', all: [`${I}droomspeelbus/`, `${R}jong-in-almere-16-mei/#een-bottom-up-benadering`], why: 'named as a good bottom-up example' },
  { q: 'taalkamer', all: [`${I}taalkamers/`], why: '"taalkamers en buurtkamers"' },
  { q: 'buurtbieb', all: [`${I}buurtbiebs/`], why: '"buurtbiebs, weggeefinitiatieven, rommelroute"' },
  // Topics.
  { q: 'eenzaamheid', any: [`${T}eenzaamheid/`, `${R}eenzaamheid/`], why: 'the theme and its report' },
  { q: 'bestaanszekerheid', any: [`${T}bestaanszekerheid/`, `${R}bestaanszekerheid/`], why: 'the theme and its report' },
  { q: 'schulden', any: [`${R}bestaanszekerheid/`, `${T}bestaanszekerheid/`], why: '"problematische schulden"; the theme names schulden' },
  { q: 'woningen', all: [`${R}bestaanszekerheid/#meer-passende-betaalbare-woningen`, BASIS_WONINGEN], why: 'two section headings about woningen' },
  { q: 'jongeren', any: [`${T}jong-in-almere/`, `${R}jong-in-almere-16-mei/`, `${R}jong-in-almere-1-juni/`, `${R}eenzaamheid/#voor-jongeren`, BASIS_WONINGEN], why: 'Jong in Almere and the sections for jongeren' },
  { q: 'vergrijzing', all: [FYSIEK_VERGRIJZING], why: 'section heading' },
  { q: 'vrijwilligerswerk', all: [BASIS_VRIJWILLIGERS, `${I}maatschappelijke-diensttijd/`], why: 'section heading; the initiative helps people do vrijwilligerswerk' },
  { q: 'wachtlijst', all: [BASIS_WONINGEN, `${I}tiny-houses/`], why: '"12 jaar op de wachtlijst voor een woning"' },
  { q: 'toeslagenaffaire', all: [`${R}sociale-kwaliteit-en-fysieke-omgeving/#andere-oplossingsrichtingen`], why: '"hard getroffen door de toeslagenaffaire"' },
  { q: 'skatebaan', all: [`${R}jong-in-almere-16-mei/#geconcentreerde-voorzieningen-in-de-wijk`], why: '"meer voetbalveldjes (en liefst ook een skatebaan)"' },
  // Words the reports do not use: a synonym group (content/synoniemen.toml), a part of a compound.
  { q: 'geldzorgen', any: [`${R}bestaanszekerheid/`, `${T}bestaanszekerheid/`], why: 'no text says "geldzorgen": its synonym group reaches bestaanszekerheid, armoede and schulden' },
  { q: 'spelen', all: [`${I}droomspeelbus/`], why: '"spelen" is a part of "Droomspeelbus" (droom + speel + bus)' },
  { q: 'ggz', any: [`${R}eenzaamheid/`, `${R}sociale-basis/`, `${R}bestaanszekerheid/`], why: '"GGZ" in the reports, and "psychische"/"mentale" through the synonym group' },
  // A typo, and nonsense.
  { q: 'eenzaamhied', suggest: 'eenzaamheid', any: [`${T}eenzaamheid/`, `${R}eenzaamheid/`], why: 'typo for eenzaamheid' },
  { q: 'qwxzv', none: true, why: 'no such word' },
];
