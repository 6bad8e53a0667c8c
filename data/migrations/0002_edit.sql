-- OCOP Desk schema, version 2: editing records.
-- Deleted records go to the trash (deleted_at set) and can be restored;
-- every change is written to the change log.

ALTER TABLE producers ADD COLUMN deleted_at TEXT;
ALTER TABLE products ADD COLUMN deleted_at TEXT;
ALTER TABLE certifications ADD COLUMN deleted_at TEXT;

-- Change log (nhật ký thay đổi): one line per change of a record.
-- entity is 'producer', 'product', 'course' or 'participant'; a
-- certification's changes are logged under its product. action is 'them', 'sua', 'xoa' or 'khoi_phuc'.
CREATE TABLE change_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (datetime('now')),
    staff     TEXT NOT NULL DEFAULT '',
    entity    TEXT NOT NULL CHECK (entity IN ('producer', 'product', 'course', 'participant')),
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('them', 'sua', 'xoa', 'khoi_phuc')),
    details   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX change_log_entity ON change_log(entity, entity_id, at);

-- The product list reads each product's latest decision that is not in
-- the trash; this index answers that without reading the table.
CREATE INDEX certifications_latest ON certifications(product_id, decision_date, id) WHERE deleted_at IS NULL;
