-- OCOP Desk schema, version 4: imports from offices' spreadsheets.
-- Records an import created carry its id, so the import can be undone as a whole.

CREATE TABLE imports (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (datetime('now')),
    staff     TEXT NOT NULL DEFAULT '',
    file      TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL CHECK (kind IN ('products', 'participants')),
    summary   TEXT NOT NULL DEFAULT '',
    undone_at TEXT
) STRICT;

ALTER TABLE producers ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE products ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE certifications ADD COLUMN import_id INTEGER REFERENCES imports(id);
