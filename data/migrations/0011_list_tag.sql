-- OCOP Desk schema, version 11: tags that change with every write to what the product list
-- shows and to what the reports count, whoever writes: this program, another copy of it, or
-- any other SQLite tool.
--   list:      products, producers, their communes, the certifications. The program keeps its
--              product list in a file beside the database between runs (data/listcache.go) and
--              uses it at the next start only when the tag it was saved with is still this one;
--              while running, a write that leaves it as it was (a setting, a course) costs the
--              list nothing.
--   decisions: the live certifications, as the decisions by day count them (a certification
--              written, a product or producer put in or taken out of the trash or deleted, a
--              product moved to another producer):
--              a product renamed elsewhere does not make the reports read every decision again.
-- Both are random values, so that a backup restored over the database never looks like the
-- state a tag was read from.
CREATE TABLE list_tag (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    tag       BLOB NOT NULL,
    decisions BLOB NOT NULL
) STRICT;
INSERT INTO list_tag(id, tag, decisions) VALUES (1, randomblob(16), randomblob(16));

CREATE TRIGGER list_tag_products_insert AFTER INSERT ON products BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_products_update AFTER UPDATE ON products BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_products_delete AFTER DELETE ON products BEGIN UPDATE list_tag SET tag = randomblob(16), decisions = randomblob(16); END;
CREATE TRIGGER list_tag_products_trash AFTER UPDATE OF deleted_at, producer_id ON products
    WHEN OLD.deleted_at IS NOT NEW.deleted_at OR OLD.producer_id IS NOT NEW.producer_id BEGIN UPDATE list_tag SET decisions = randomblob(16); END;
CREATE TRIGGER list_tag_producers_insert AFTER INSERT ON producers BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_producers_update AFTER UPDATE ON producers BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_producers_delete AFTER DELETE ON producers BEGIN UPDATE list_tag SET tag = randomblob(16), decisions = randomblob(16); END;
CREATE TRIGGER list_tag_producers_trash AFTER UPDATE OF deleted_at ON producers
    WHEN OLD.deleted_at IS NOT NEW.deleted_at BEGIN UPDATE list_tag SET decisions = randomblob(16); END;
CREATE TRIGGER list_tag_certifications_insert AFTER INSERT ON certifications BEGIN UPDATE list_tag SET tag = randomblob(16), decisions = randomblob(16); END;
CREATE TRIGGER list_tag_certifications_update AFTER UPDATE ON certifications BEGIN UPDATE list_tag SET tag = randomblob(16), decisions = randomblob(16); END;
CREATE TRIGGER list_tag_certifications_delete AFTER DELETE ON certifications BEGIN UPDATE list_tag SET tag = randomblob(16), decisions = randomblob(16); END;
CREATE TRIGGER list_tag_communes_insert AFTER INSERT ON communes BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_communes_update AFTER UPDATE ON communes BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_communes_delete AFTER DELETE ON communes BEGIN UPDATE list_tag SET tag = randomblob(16); END;
