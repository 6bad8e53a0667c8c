-- OCOP Desk schema, version 9: the electronic set of a dossier (01 bộ hồ sơ điện tử, Điều 6.2 of
-- Decision 26/2026/QĐ-TTg) as files the officer attaches to the dossier or to one of its Mẫu 02
-- evidence items. The files are copied into a folder beside the database ("hoso/<dossier id>/");
-- stored is the copy's path in there ('/'-separated), name the file's name as it came, sha256 its
-- checksum (hex) and size its length in bytes, so a copy that changed or went missing is told.
-- A removed file goes to the trash (deleted_at) and its copy stays, so the removal can be undone.
CREATE TABLE dossier_files (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    item_code  TEXT REFERENCES evidence_items(code),
    name       TEXT NOT NULL CHECK (name <> ''),
    stored     TEXT NOT NULL UNIQUE CHECK (stored <> ''),
    size       INTEGER NOT NULL CHECK (size >= 0),
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at   TEXT NOT NULL DEFAULT (datetime('now')),
    added_by   TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
) STRICT;
CREATE INDEX dossier_files_dossier ON dossier_files(dossier_id);
