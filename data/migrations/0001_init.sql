-- OCOP Desk schema, version 1.
-- Dates are ISO text (yyyy-mm-dd), timestamps are SQLite text (yyyy-mm-dd hh:mm:ss, UTC).
-- Reference tables are seeded from the embedded CSV files by the store after this runs.

-- Office settings (thông tin đơn vị): one row per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Commune-level units (xã, phường). The office marks the ones it covers.
-- Pre-2025 names (districts, old communes) may be added by hand, without a code.
CREATE TABLE communes (
    id       INTEGER PRIMARY KEY,
    code     TEXT UNIQUE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL DEFAULT 'xã',
    province TEXT NOT NULL DEFAULT '',
    covered  INTEGER NOT NULL DEFAULT 0 CHECK (covered IN (0, 1)),
    note     TEXT NOT NULL DEFAULT ''
) STRICT;

-- Product classification (Decision 148/QĐ-TTg, Annex I): groups (ngành),
-- sub-groups (nhóm) and product sets (bộ). Products refer to a set.
CREATE TABLE classification (
    code       TEXT PRIMARY KEY,
    parent     TEXT REFERENCES classification(code),
    level      TEXT NOT NULL CHECK (level IN ('nganh', 'nhom', 'bo')),
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL
) STRICT;

-- Producer types (loại hình chủ thể).
CREATE TABLE producer_types (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    short      TEXT NOT NULL,
    sort_order INTEGER NOT NULL
) STRICT;

-- Score bands for stars, each set in force from its effective date.
-- min_score is in hundredths of a point, like certifications.score.
CREATE TABLE star_bands (
    effective_from TEXT NOT NULL,
    min_score      INTEGER NOT NULL,
    stars          INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    source         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (effective_from, stars)
) STRICT;

-- Certificate validity in months, each rule in force from its effective date.
CREATE TABLE validity_rules (
    effective_from TEXT PRIMARY KEY,
    months         INTEGER NOT NULL CHECK (months > 0),
    source         TEXT NOT NULL DEFAULT ''
) STRICT;

-- Producers (chủ thể OCOP).
CREATE TABLE producers (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (name <> ''),
    type            TEXT NOT NULL REFERENCES producer_types(code),
    commune_id      INTEGER REFERENCES communes(id),
    address         TEXT NOT NULL DEFAULT '',
    representative  TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    registration_no TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at      TEXT NOT NULL DEFAULT (datetime('now'))
) STRICT;
CREATE INDEX producers_commune ON producers(commune_id);

-- Products (sản phẩm). Certifications hold the stars; the latest one is current.
CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    producer_id INTEGER NOT NULL REFERENCES producers(id),
    set_code    TEXT REFERENCES classification(code),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at  TEXT NOT NULL DEFAULT (datetime('now'))
) STRICT;
CREATE INDEX products_producer ON products(producer_id);

-- Certifications (quyết định công nhận): a product keeps its whole history.
-- score is in hundredths of a point (66.36 -> 6636) so bands compare exactly.
CREATE TABLE certifications (
    id            INTEGER PRIMARY KEY,
    product_id    INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    decision_no   TEXT NOT NULL DEFAULT '',
    decision_date TEXT NOT NULL CHECK (decision_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    issuing_level TEXT NOT NULL DEFAULT 'tinh' CHECK (issuing_level IN ('xa', 'huyen', 'tinh', 'trung_uong')),
    score         INTEGER CHECK (score BETWEEN 0 AND 10000),
    stars         INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    valid_until   TEXT NOT NULL CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT (datetime('now'))
) STRICT;
CREATE INDEX certifications_product ON certifications(product_id, decision_date);
