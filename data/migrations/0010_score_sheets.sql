-- OCOP Desk schema, version 10: the filled criteria sheets ("phiếu đánh giá", Phụ lục II of
-- Decision 26/2026/QĐ-TTg) of a dossier: the producer's self-assessment (Mẫu 02, Phần III), the
-- office's own check, and each council member's sheet, whose average total decides the stars
-- (Điều 3.3). A sheet keeps the version of its criteria set (set_code and the set's effective
-- date set_from), so a later decision's criteria never re-read an old sheet. answers is the
-- sheet as data.WriteSheetCSV writes it (one line per criterion and per rejection ground);
-- total (in hundredths of a point) and stars are what it came to when saved, for lists.
-- A removed sheet goes to the trash (deleted_at), so the removal can be undone.
CREATE TABLE score_sheets (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('chu_the', 'xa', 'hoi_dong')),
    member     TEXT NOT NULL DEFAULT '',
    set_code   TEXT NOT NULL CHECK (set_code <> ''),
    set_from   TEXT NOT NULL,
    filled_on  TEXT NOT NULL,
    answers    TEXT NOT NULL,
    total      INTEGER NOT NULL CHECK (total BETWEEN 0 AND 10000),
    stars      INTEGER NOT NULL CHECK (stars BETWEEN 0 AND 5),
    rejected   INTEGER NOT NULL DEFAULT 0 CHECK (rejected IN (0, 1)),
    updated_at TEXT NOT NULL DEFAULT (datetime('now')),
    deleted_at TEXT
) STRICT;
CREATE INDEX score_sheets_dossier ON score_sheets(dossier_id);
