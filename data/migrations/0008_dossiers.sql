-- OCOP Desk schema, version 8: dossiers (hồ sơ OCOP) from receipt at the commune to the
-- province's result (Decision 26/2026/QĐ-TTg, Điều 6 and 7; Phụ lục III, Mẫu số 01-03).
-- Dates are ISO text (yyyy-mm-dd) like the rest of the schema.

-- The evidence checklist of Mẫu số 02 (Phần III's table), seeded from assets/ref/evidence.csv.
-- expires marks papers that carry an expiry date (food-safety certificate, test report...).
CREATE TABLE evidence_items (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    requirement TEXT NOT NULL DEFAULT '',
    expires     INTEGER NOT NULL DEFAULT 0 CHECK (expires IN (0, 1)),
    sort_order  INTEGER NOT NULL
) STRICT;

-- A producer's dossier for one product, as the commune receives it.
-- The receipt number "05/PĐK-20-06016-2026" is kept in its parts: the running number of
-- the commune and year (receipt_seq), the province and commune codes and the year; a number
-- once given is never given again, even when its dossier goes to the trash.
-- The 15 working days (Điều 7.2) count from complete_on: the day received, or the day the
-- last "Cần bổ sung" request was met.
-- Scores are in hundredths of a point, like certifications.score.
CREATE TABLE dossiers (
    id               INTEGER PRIMARY KEY,
    product_id       INTEGER NOT NULL REFERENCES products(id),
    kind             TEXT NOT NULL CHECK (kind IN ('lan_dau', 'nang_hang', 'danh_gia_lai')),
    received_on      TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    received_by      TEXT NOT NULL DEFAULT '',
    commune_id       INTEGER REFERENCES communes(id),
    receipt_seq      INTEGER NOT NULL CHECK (receipt_seq > 0),
    province_code    TEXT NOT NULL,
    commune_code     TEXT NOT NULL,
    receipt_year     INTEGER NOT NULL,
    paper_set        INTEGER NOT NULL DEFAULT 1 CHECK (paper_set IN (0, 1)),
    electronic_set   INTEGER NOT NULL DEFAULT 1 CHECK (electronic_set IN (0, 1)),
    samples          INTEGER NOT NULL DEFAULT 5 CHECK (samples >= 0),
    product_code     TEXT NOT NULL DEFAULT '',
    round_year       INTEGER NOT NULL,
    round_no         INTEGER NOT NULL CHECK (round_no >= 1),
    status           TEXT NOT NULL DEFAULT 'da_tiep_nhan' CHECK (status IN ('da_tiep_nhan', 'can_bo_sung', 'da_bo_sung',
                         'da_danh_gia_xa', 'da_gui_tinh', 'dat', 'khong_dat', 'rut_ho_so')),
    complete_on      TEXT NOT NULL,
    assess_materials TEXT NOT NULL DEFAULT '',
    assess_labour    TEXT NOT NULL DEFAULT '',
    assess_idea      TEXT NOT NULL DEFAULT '',
    assess_identity  TEXT NOT NULL DEFAULT '',
    chair_meeting    INTEGER NOT NULL DEFAULT 0 CHECK (chair_meeting IN (0, 1)),
    assessed_by      TEXT NOT NULL DEFAULT '',
    assessed_on      TEXT,
    letter_no        TEXT NOT NULL DEFAULT '',
    letter_date      TEXT,
    result_score     INTEGER CHECK (result_score BETWEEN 0 AND 10000),
    result_stars     INTEGER CHECK (result_stars BETWEEN 1 AND 5),
    decision_no      TEXT NOT NULL DEFAULT '',
    decision_date    TEXT,
    result_reason    TEXT NOT NULL DEFAULT '',
    certification_id INTEGER REFERENCES certifications(id),
    withdrawn_on     TEXT,
    withdraw_reason  TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at       TEXT NOT NULL DEFAULT (datetime('now')),
    deleted_at       TEXT,
    UNIQUE (commune_code, receipt_year, receipt_seq)
) STRICT;
CREATE INDEX dossiers_product ON dossiers(product_id);
CREATE INDEX dossiers_round ON dossiers(round_year, round_no) WHERE deleted_at IS NULL;

-- Each step of a dossier's status path, dated, with who recorded it and a note.
CREATE TABLE dossier_events (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    on_date    TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    staff      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL DEFAULT (datetime('now'))
) STRICT;
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, on_date);

-- The Mẫu 02 checklist of one dossier: each item có, thiếu or không áp dụng, with a note
-- and, for a paper that expires, its expiry date. An item without a row is not yet checked.
CREATE TABLE dossier_evidence (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    item_code  TEXT NOT NULL REFERENCES evidence_items(code),
    state      TEXT NOT NULL CHECK (state IN ('co', 'thieu', 'khong_ap_dung')),
    note       TEXT NOT NULL DEFAULT '',
    expires_on TEXT,
    PRIMARY KEY (dossier_id, item_code)
) STRICT;

-- "Cần bổ sung" requests: what the producer must add, asked on, due, and when it came.
CREATE TABLE dossier_requests (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
    what         TEXT NOT NULL CHECK (what <> ''),
    asked_on     TEXT NOT NULL CHECK (asked_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    due_on       TEXT,
    completed_on TEXT,
    deleted_at   TEXT
) STRICT;
CREATE INDEX dossier_requests_dossier ON dossier_requests(dossier_id);

-- The change log gains dossiers. SQLite cannot alter a CHECK, so the table is rebuilt
-- with its rows and ids.
CREATE TABLE change_log_new (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (datetime('now')),
    staff     TEXT NOT NULL DEFAULT '',
    entity    TEXT NOT NULL CHECK (entity IN ('producer', 'product', 'course', 'participant', 'dossier')),
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('them', 'sua', 'xoa', 'khoi_phuc')),
    details   TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO change_log_new(id, at, staff, entity, entity_id, action, details)
    SELECT id, at, staff, entity, entity_id, action, details FROM change_log;
DROP TABLE change_log;
ALTER TABLE change_log_new RENAME TO change_log;
CREATE INDEX change_log_entity ON change_log(entity, entity_id, at);
