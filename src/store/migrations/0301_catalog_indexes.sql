-- The import looks a live item up by department, category and name (idempotent import without codes).
CREATE INDEX power_items_kind ON power_items(department_code, category, name) WHERE NOT retired;
