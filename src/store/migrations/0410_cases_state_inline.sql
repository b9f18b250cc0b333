-- A folded case state is about 2 KiB: just over the size at which PostgreSQL compresses a row's
-- long values, so every projection write paid a pglz compression and every read a
-- decompression. Rows up to a page stay as written.
ALTER TABLE cases SET (toast_tuple_target = 8160);
