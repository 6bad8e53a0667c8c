-- OCOP Desk schema, version 7: the rules of Decision 26/2026/QĐ-TTg as dated data, and
-- the public holidays that working days count around. Each rule is in force from its
-- effective date; a record keeps the rule of its own date. The store seeds these tables
-- from assets/ref (and adds 26/2026's star bands and validity beside 148's); offices may
-- correct them.

-- The names of the product classification as each decision words them (Phụ lục I);
-- codes stay the same. A code with no name in force on a day keeps classification.name.
CREATE TABLE classification_names (
    code           TEXT NOT NULL REFERENCES classification(code),
    effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    name           TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (code, effective_from)
) STRICT;

-- Which level evaluates and certifies each star rating (3★ and up; 1★ and 2★ get no
-- decision): the district, province or centre, as in certifications.issuing_level.
CREATE TABLE certifying_levels (
    effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    stars          INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    level          TEXT NOT NULL CHECK (level IN ('xa', 'huyen', 'tinh', 'trung_uong')),
    source         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (effective_from, stars)
) STRICT;

-- The numbers of the procedure (round cut-offs as mm-dd, days allowed), by key; see
-- data/procedure.go for the keys.
CREATE TABLE procedure_rules (
    effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    key            TEXT NOT NULL,
    value          TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (effective_from, key)
) STRICT;

-- Public holidays and the days the government moves. kind 'nghi' is a day off (a
-- holiday, a compensatory day, a swapped day); 'lam_bu' is a Saturday or Sunday worked
-- in exchange. Other Saturdays and Sundays are days off without a row.
CREATE TABLE holidays (
    id   INTEGER PRIMARY KEY,
    day  TEXT NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'nghi' CHECK (kind IN ('nghi', 'lam_bu')),
    note TEXT NOT NULL DEFAULT ''
) STRICT;
