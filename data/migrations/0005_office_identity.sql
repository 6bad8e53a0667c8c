-- OCOP Desk schema, version 5: a participant's job title, and the office's own identity.

-- Chức vụ: the person's job title ("Giám đốc HTX", "Chủ tịch UBND xã"), printed on the
-- sign-in sheet; not the role category, which the statistics count.
ALTER TABLE participants ADD COLUMN job_title TEXT NOT NULL DEFAULT '';

-- A random id made once for this database, written into every report's data part, so the
-- province tells two offices apart even when they typed the same name.
INSERT OR IGNORE INTO settings(key, value) VALUES ('office_id', lower(hex(randomblob(16))));
