-- OCOP Desk schema, version 6: the whole country's communes and the 2025 conversion table.

-- The 34 provinces since 01/7/2025 (Resolution 202/2025/QH15), with their official codes.
-- name is the short name printed after "tỉnh" or "thành phố" ("Lạng Sơn", "Hà Nội");
-- kind is "tỉnh" or "thành phố".
CREATE TABLE provinces (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'tỉnh'
) STRICT;

-- Every commune now carries its province's code; the store seeds the rest of the
-- country beside the communes an office already has, which keep their ids and flags.
ALTER TABLE communes ADD COLUMN province_code TEXT NOT NULL DEFAULT '';
CREATE INDEX communes_province ON communes(province_code);

-- The official conversion table of the 2025 reform (bảng chuyển đổi đơn vị hành chính
-- mới - cũ): for each current commune (new_code), each pre-2025 commune merged into it
-- with its old district and province and how it was merged (note). An old commune
-- split between several current ones has a row for each.
CREATE TABLE commune_changes (
    id                INTEGER PRIMARY KEY,
    new_code          TEXT NOT NULL,
    old_code          TEXT NOT NULL DEFAULT '',
    old_name          TEXT NOT NULL DEFAULT '',
    old_district      TEXT NOT NULL DEFAULT '',
    old_district_code TEXT NOT NULL DEFAULT '',
    old_province      TEXT NOT NULL DEFAULT '',
    old_province_code TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX commune_changes_new ON commune_changes(new_code);
