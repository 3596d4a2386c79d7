-- Retrieval over policies and Q&A: an FTS5 index (BM25) of jieba-segmented text, and synonyms
-- that widen a query (执照 finds 营业执照). Entries imported before this version are indexed by
-- the engine at start (indexed = 0), in one resumable pass.
ALTER TABLE knowledge_entries ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0 CHECK (indexed IN (0, 1));

-- Words separated by spaces, one column per field; rowid = knowledge_entries.id.
CREATE VIRTUAL TABLE knowledge_fts USING fts5 (title, body, content = '', contentless_delete = 1);

CREATE TABLE knowledge_synonyms (
  term TEXT NOT NULL,
  -- Terms in one group mean the same thing to a clerk.
  group_name TEXT NOT NULL,
  PRIMARY KEY (term, group_name)
) STRICT;
CREATE INDEX knowledge_synonyms_group ON knowledge_synonyms (group_name);

INSERT INTO knowledge_synonyms (term, group_name) VALUES
  ('营业执照', '营业执照'), ('执照', '营业执照'), ('营业证', '营业执照'),
  ('身份证', '居民身份证'), ('居民身份证', '居民身份证'), ('二代证', '居民身份证'),
  ('身份证明', '居民身份证'),
  ('个体户', '个体工商户'), ('个体工商户', '个体工商户'),
  ('公租房', '公共租赁住房'), ('公共租赁住房', '公共租赁住房'), ('廉租房', '公共租赁住房'),
  ('二手房', '存量房'), ('存量房', '存量房'),
  ('过户', '转移登记'), ('转移登记', '转移登记'),
  ('社保', '社会保险'), ('社会保险', '社会保险'),
  ('低保', '最低生活保障'), ('最低生活保障', '最低生活保障'),
  ('食品证', '食品经营许可'), ('食品经营许可证', '食品经营许可'), ('食品经营许可', '食品经营许可'),
  ('遗失', '遗失'), ('丢失', '遗失'), ('丢了', '遗失'), ('丢', '遗失'),
  ('补办', '补领'), ('补领', '补领'), ('补发', '补领'),
  ('委托书', '授权委托书'), ('授权委托书', '授权委托书'),
  ('不动产权证', '不动产权证书'), ('房产证', '不动产权证书'), ('不动产权证书', '不动产权证书');
