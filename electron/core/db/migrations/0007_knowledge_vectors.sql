-- Vector search beside BM25 (DESIGN §2). The vectors themselves live in a sqlite-vec `vec0`
-- virtual table, knowledge_vectors (rowid = knowledge_entries.id), which the engine creates when
-- the first embedding model loads: its width is the model's, unknown here, and the extension may
-- be missing on a platform without its binary (search then stays BM25 only). This row says which
-- model the vectors came from: another model's vectors are not comparable, so a different model
-- (or width) means the table is dropped and filled again.
CREATE TABLE knowledge_vector_model (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- The embedding model's file name in <data folder>/models/.
  model TEXT NOT NULL,
  dimensions INTEGER NOT NULL CHECK (dimensions > 0),
  created_at TEXT NOT NULL
) STRICT;
