"""One complete example record per collection, shown in the templates (templates/records/<collection>.yaml).

The examples are invented ("Example County", "Alex Example") so that no template can state a wrong fact; real records
are in data/. Each example fills in every field of its collection, and together with SUPPORTING they form a small
dataset that passes the validator, references included (tests/test_templates.py checks both).
"""

from __future__ import annotations

REVIEWED = "2026-11-01"
SOURCE_ID = "example-institute-2014-11-detainer-report"

EXAMPLES: dict[str, dict] = {
    "events": {
        "id": "2014-11-20-example-agency-ends-example-program",
        "title": "Example Agency ends the Example Program",
        "date": "2014-11-20",
        "type": "memo",
        "programs": ["example-program"],
        "actors": ["example-agency", "alex-example"],
        "summary": "Director Alex Example signed a memo ending the Example Program and replacing it with narrower "
                   "guidance.\n\nThe memo took effect on the day it was signed.\n",
        "cases": ["example-v-example-county"],
        "documents": ["example-agency-memo-2014-11-20"],
        "unverified": "The memo is dated November 20, 2014; no source says when it was first made public.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "p. 3, first paragraph"}],
        "last_reviewed": REVIEWED,
    },
    "programs": {
        "id": "example-program",
        "name": "Example Program",
        "short_name": "EP",
        "agency": "example-agency",
        "periods": [
            {"start": "2008-03", "end": "2014-11-20", "note": "From its launch to the memo that ended it."},
            {"start": "2017-01-25", "note": "Restarted by executive order.",
             "in_force": {"as_of": "2026-10-01", "sources": [{"source": SOURCE_ID, "pinpoint": "p. 4"}]}},
        ],
        "summary": "The Example Program checked the fingerprints of everyone booked into a local jail against "
                   "federal databases.\n",
        "unverified": "The launch month comes from a single secondary source.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "p. 2"}],
        "last_reviewed": REVIEWED,
    },
    "cases": {
        "id": "example-v-example-county",
        "title": "Example v. Example County",
        "caption": "Jamie Example v. Example County and Sam Sheriff",
        "court": "U.S. District Court for the District of Example",
        "docket": "No. 1:13-cv-00001",
        "citation": "1 F. Supp. 3d 1 (D. Ex. 2014)",
        "courtlistener": "https://www.courtlistener.com/docket/0/example-v-example-county/",
        "filed": "2013-05",
        "decided": "2014-04-11",
        "status": "decided",
        "holding": "Holding someone on a detainer alone, after they were due for release, was a new arrest.",
        "significance": "The first ruling in the district to treat a detainer hold as a new arrest.\n",
        "aftermath": "The county stopped honoring detainers without a judicial warrant in May 2014.\n",
        "counsel": ["Example Law Center (for plaintiff)", "County Attorney (for Example County)"],
        "links": [{"label": "Opinion (court website)", "url": "https://example.org/opinions/example-v-county.pdf"}],
        "programs": ["example-program"],
        "unverified": "The filing month comes from the docket summary; the complaint was not found.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "p. 7, note 12"}],
        "last_reviewed": REVIEWED,
    },
    "statistics": {
        "id": "example-county-detainers-fy2013",
        "title": "Detainers lodged with the Example County jail, fiscal year 2013",
        "value": 1234,
        "unit": "detainers",
        "definition": "Detainers that the federal agency lodged with the county jail, counted by the date lodged.",
        "period": {"start": "2012-10-01", "end": "2013-09-30", "note": "The federal fiscal year 2013."},
        "geography": "Example County, Illinois",
        "series": "example-county-detainers",
        "caveats": "Counts detainers, not people: one person can have more than one detainer.\n",
        "unverified": "The report rounds to the nearest ten in its text; this is the figure from its table.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "table 2"}],
        "last_reviewed": REVIEWED,
    },
    "series": {
        "id": "example-county-detainers",
        "title": "Detainers lodged with the Example County jail",
        "unit": "detainers",
        "description": "Detainers lodged with the county jail in each federal fiscal year.\n",
        "unverified": "Years before 2010 come from a different table and may count differently.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "tables 1 and 2"}],
        "last_reviewed": REVIEWED,
    },
    "sources": {
        "id": SOURCE_ID,
        "title": "Detainers in Example County: A Report",
        "publisher": "Example Institute",
        "authors": ["A. Writer", "B. Researcher"],
        "date": "2014-11",
        "type": "report",
        "url": "https://example.org/reports/detainers-2014.pdf",
        "archive_url": "https://web.archive.org/web/2015/https://example.org/reports/detainers-2014.pdf",
        "retrieved": "2026-10-30",
        "note": "The tables count detainers lodged, not people held.\n",
        "language": "en",
        "unverified": "The report is undated; the month comes from the publisher's announcement.",
        "last_reviewed": REVIEWED,
    },
    "documents": {
        "id": "example-agency-memo-2014-11-20",
        "title": "Ending the Example Program",
        "type": "memo",
        "date": "2014-11-20",
        "issued_by": ["alex-example"],
        "number": "Memo 14-02",
        "summary": "The memo ends the Example Program and tells field offices to request notification of release "
                   "instead of detention.\n",
        "url": "https://example.gov/memos/14-02.pdf",
        "programs": ["example-program"],
        "unverified": "Only a copy posted by a third party was found.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "appendix B"}],
        "last_reviewed": REVIEWED,
    },
    "organizations": {
        "id": "example-agency",
        "name": "Example Agency",
        "type": "government-agency",
        "parent": "example-department",
        "url": "https://example.gov/",
        "summary": "The federal agency that ran the Example Program.\n",
        "unverified": "The date it became part of the department is not recorded here.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "p. 1"}],
        "last_reviewed": REVIEWED,
    },
    "people": {
        "id": "alex-example",
        "name": "Alex Example",
        "roles": [{"title": "Director", "organization": "example-agency", "start": "2013-12",
                   "end": "2017-01-20"}],
        "unverified": "The month the role began is from a news report, not an official biography.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "p. 3"}],
        "last_reviewed": REVIEWED,
    },
    "quotes": {
        "id": "alex-example-2014-11-20-program-will-end",
        "text": "The program, as we know it, will end.",
        "speaker": "alex-example",
        "role": "Director",
        "organization": "example-agency",
        "date": "2014-11-20",
        "context": "Said at the press conference announcing the memo.",
        "programs": ["example-program"],
        "unverified": "The wording is from the institute's transcript; no recording was found.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "p. 4, quoted in full"}],
        "last_reviewed": REVIEWED,
    },
    "terms": {
        "id": "example-term",
        "english": ["example hold", "example holds"],
        "spanish": ["retención de ejemplo", "retenciones de ejemplo"],
        "avoid": ["orden de ejemplo"],
        "definition": "A request, invented for this template, to keep someone in custody.",
        "note": "Not an order: never translate it as \"orden de ejemplo\".",
        "unverified": "No published Spanish glossary uses this form yet.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "glossary, p. 1"}],
        "es": {"definition": "Una petición, inventada para esta plantilla, de mantener a alguien bajo custodia.",
               "note": "No es una orden: nunca se traduce como \"orden de ejemplo\".",
               "unverified": "Ningún glosario publicado en español usa todavía esta forma.",
               "english_version": "ed87f5c332e9"},
        "last_reviewed": REVIEWED,
    },
    "jurisdictions": {
        "id": "example-city-az",
        "name": "Example City, Arizona",
        "kind": "city",
        "state": "AZ",
        "county": "az-04013",
        "policies": [{"summary": "The city's police hold no one on a detainer alone; the jail is the county's.\n",
                      "as_of": "2014-05", "sources": [{"source": SOURCE_ID, "pinpoint": "p. 9"}]}],
        "cases": ["example-v-example-county"],
        "unverified": "The city's written policy was not found; this is from the report's survey.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "p. 9"}],
        "last_reviewed": REVIEWED,
    },
    "laws": {
        "id": "example-state-detainer-act",
        "title": "Example State Detainer Act",
        "state": "IL",
        "type": "statute",
        "citation": "HB 1 (2014), Public Act 98-1; 5 Ex. Comp. Stat. 805/1",
        "kinds": ["limits-detainers", "forbids-287g"],
        "signed": "2014-05-14",
        "enacted": "signed",
        "effective": "2014-06",
        "ended": "2020-01-01",
        "superseded_by": "example-state-trust-act",
        "status": "superseded",
        "summary": "Barred jails from holding anyone on a detainer alone and ended the state's 287(g) agreements.\n",
        "programs": ["example-program"],
        "cases": ["example-v-example-county"],
        "unverified": "The effective month comes from a news report; the act's text gives no date.",
        "sources": [{"source": SOURCE_ID, "pinpoint": "p. 12"}],
        "last_reviewed": REVIEWED,
    },
}

# Records the examples name that are not examples themselves.
SUPPORTING: dict[str, list[dict]] = {
    "organizations": [{"id": "example-department", "name": "Example Department", "type": "government-agency",
                       "last_reviewed": REVIEWED}],
    "laws": [{"id": "example-state-trust-act", "title": "Example State Trust Act", "state": "IL", "type": "statute",
              "citation": "SB 2 (2019), Public Act 101-2", "kinds": ["limits-detainers"], "status": "in-force",
              "summary": "Replaced the Detainer Act with a broader limit.\n",
              "sources": [{"source": SOURCE_ID}], "last_reviewed": REVIEWED}],
}

# Each example's Spanish (`es:`), with the fingerprint of the English it translates (./site.sh translated writes it).
SPANISH: dict[str, dict] = {
    "events": {
        "title": "Example Agency pone fin al Example Program",
        "summary": "El director Alex Example firmó un memorando que puso fin al Example Program y lo reemplazó por "
                   "una guía más limitada.\n\nEl memorando entró en vigor el día en que se firmó.\n",
        "unverified": "El memorando tiene fecha del 20 de noviembre de 2014; ninguna fuente dice cuándo se hizo "
                      "público.",
    },
    "programs": {
        "name": "Programa de Ejemplo",
        "periods": [{"note": "Desde su lanzamiento hasta el memorando que le puso fin."},
                    {"note": "Reanudado por orden ejecutiva; sigue en marcha."}],
        "summary": "El Programa de Ejemplo cotejaba las huellas dactilares de cada persona registrada en una cárcel "
                   "local con las bases de datos federales.\n",
        "unverified": "El mes del lanzamiento proviene de una sola fuente secundaria.",
    },
    "cases": {
        "holding": "Retener a alguien solo por una orden de retención, cuando ya debía quedar en libertad, fue un "
                   "nuevo arresto.",
        "significance": "El primer fallo del distrito que trató la retención por una orden de retención como un "
                        "nuevo arresto.\n",
        "aftermath": "El condado dejó de cumplir órdenes de retención sin una orden judicial en mayo de 2014.\n",
        "unverified": "El mes de la demanda proviene del resumen del expediente; no se encontró la demanda.",
    },
    "statistics": {
        "title": "Órdenes de retención presentadas ante la cárcel del condado de Example, año fiscal 2013",
        "definition": "Órdenes de retención que la agencia federal presentó ante la cárcel del condado, contadas "
                      "por la fecha de presentación.",
        "period": {"note": "El año fiscal federal 2013."},
        "geography": "Condado de Example, Illinois",
        "caveats": "Cuenta órdenes de retención, no personas: una persona puede tener más de una.\n",
        "unverified": "El informe redondea a la decena en su texto; esta es la cifra de su tabla.",
    },
    "series": {
        "title": "Órdenes de retención presentadas ante la cárcel del condado de Example",
        "description": "Órdenes de retención presentadas ante la cárcel del condado en cada año fiscal federal.\n",
        "unverified": "Los años anteriores a 2010 provienen de otra tabla y pueden contar de otra manera.",
    },
    "sources": {
        "note": "Las tablas cuentan órdenes de retención presentadas, no personas retenidas.\n",
        "unverified": "El informe no tiene fecha; el mes proviene del anuncio de quien lo publicó.",
    },
    "documents": {
        "summary": "El memorando pone fin al Example Program e indica a las oficinas locales que pidan aviso de la "
                   "puesta en libertad en lugar de la retención.\n",
        "unverified": "Solo se encontró una copia publicada por un tercero.",
    },
    "organizations": {
        "summary": "La agencia federal que administraba el Example Program.\n",
        "unverified": "La fecha en que pasó a formar parte del departamento no consta aquí.",
    },
    "people": {
        "unverified": "El mes en que comenzó el cargo proviene de una noticia, no de una biografía oficial.",
    },
}
SPANISH.update({
    "quotes": {
        "text": "El programa, tal como lo conocemos, terminará.",
        "role": "Director",
        "context": "Lo dijo en la conferencia de prensa en que se anunció el memorando.",
        "unverified": "Las palabras provienen de la transcripción del instituto; no se encontró una grabación.",
    },
    "jurisdictions": {
        "policies": [{"summary": "La policía de la ciudad no retiene a nadie solo por una orden de retención; la "
                                 "cárcel es del condado.\n"}],
        "unverified": "No se encontró la política escrita de la ciudad; esto proviene de la encuesta del informe.",
    },
    "laws": {
        "title": "Ley de Órdenes de Retención del Estado de Example",
        "summary": "Prohibió a las cárceles retener a alguien solo por una orden de retención y puso fin a los "
                   "acuerdos 287(g) del estado.\n",
        "unverified": "El mes de entrada en vigor proviene de una noticia; el texto de la ley no da fecha.",
    },
})
_ENGLISH_VERSIONS = {"events": "19f90ccd8442", "programs": "635aa2a23140", "cases": "8162aa5cfa5e",
                     "statistics": "7faeaebb8098", "series": "e88a5b35db39", "sources": "df5a0952b5ad",
                     "documents": "7ffc4164f077", "organizations": "5b7e34cec2b1", "people": "2da147462d47",
                     "quotes": "5d8a33adaa9e", "jurisdictions": "7d8e3e635700",
                     "laws": "da5c14c0aa0f"}
for _name, _spanish in SPANISH.items():
    EXAMPLES[_name]["es"] = {**_spanish, "english_version": _ENGLISH_VERSIONS[_name]}
