-- OCOP Desk schema, version 11: a tag that changes with every write to what the product list
-- shows (products, producers, their communes, the certifications), whoever writes: this
-- program, another copy of it, or any other SQLite tool. The program keeps its product list in
-- a file beside the database between runs (data/listcache.go) and uses it at the next start
-- only when the tag it was saved with is still the database's: a random value, so that a backup
-- restored over the database never looks like the state the file was saved from.
CREATE TABLE list_tag (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    tag BLOB NOT NULL
) STRICT;
INSERT INTO list_tag(id, tag) VALUES (1, randomblob(16));

CREATE TRIGGER list_tag_products_insert AFTER INSERT ON products BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_products_update AFTER UPDATE ON products BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_products_delete AFTER DELETE ON products BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_producers_insert AFTER INSERT ON producers BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_producers_update AFTER UPDATE ON producers BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_producers_delete AFTER DELETE ON producers BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_certifications_insert AFTER INSERT ON certifications BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_certifications_update AFTER UPDATE ON certifications BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_certifications_delete AFTER DELETE ON certifications BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_communes_insert AFTER INSERT ON communes BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_communes_update AFTER UPDATE ON communes BEGIN UPDATE list_tag SET tag = randomblob(16); END;
CREATE TRIGGER list_tag_communes_delete AFTER DELETE ON communes BEGIN UPDATE list_tag SET tag = randomblob(16); END;
