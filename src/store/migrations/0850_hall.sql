-- The public hall (issue 29 items 3 and 5).
-- Search keys of an item's name: full pinyin, initials, and the common abbreviations it
-- answers to (with their pinyin), computed by the platform at write time (pinyin-pro); the
-- revision says which key rules made them, so a platform with newer rules recomputes them.
ALTER TABLE power_items ADD COLUMN search_keys text NOT NULL DEFAULT '';
ALTER TABLE power_items ADD COLUMN search_keys_rev integer NOT NULL DEFAULT 0;
CREATE INDEX power_items_search_keys ON power_items USING gin (search_keys gin_trgm_ops);

-- Files the catalog keeps (样表 sample forms of materials), content-addressed like evidence
-- files; an item version refers to one by id (materialDetails[].sampleForm.fileId).
CREATE TABLE catalog_files (
  id              text PRIMARY KEY,
  department_code text NOT NULL REFERENCES departments(code),
  name            text NOT NULL,
  mime            text NOT NULL,
  size            bigint NOT NULL,
  sha256          text NOT NULL,
  sm3             text NOT NULL,
  uploaded_by     text,
  uploaded_at     timestamptz NOT NULL
);
CREATE INDEX catalog_files_department ON catalog_files(department_code);

-- Attachments of a complaint or report (images, PDF), added by the complainant with the
-- complaint's number and query code while it waits for acceptance.
CREATE TABLE complaint_attachments (
  id           text PRIMARY KEY,
  complaint_id text NOT NULL REFERENCES complaints(id),
  name         text NOT NULL,
  mime         text NOT NULL,
  size         bigint NOT NULL,
  sha256       text NOT NULL,
  sm3          text NOT NULL,
  uploaded_at  timestamptz NOT NULL
);
CREATE INDEX complaint_attachments_complaint ON complaint_attachments(complaint_id);
