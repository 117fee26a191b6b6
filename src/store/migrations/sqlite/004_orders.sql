-- Orders read from the marketplaces, one row per (order, SKU). The unique key makes ingesting the same
-- order twice (overlapping polls, two workers) a no-op, so each order lowers the stock exactly once.
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  marketplace TEXT NOT NULL,
  order_ref TEXT NOT NULL,
  sku TEXT NOT NULL,
  product_id TEXT,
  quantity BIGINT NOT NULL,
  unit_price BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  oversold BIGINT NOT NULL DEFAULT 0,
  ordered_at BIGINT NOT NULL,
  seen_at BIGINT NOT NULL,
  UNIQUE (partner_id, marketplace, order_ref, sku)
);
CREATE INDEX orders_partner_ordered ON orders(partner_id, ordered_at);
CREATE INDEX orders_product ON orders(product_id, ordered_at);
-- Order polling per (partner, marketplace): where the last poll got to, when the next is due, and a
-- lease so that of many worker processes only one polls a pair at a time.
CREATE TABLE order_cursors (
  partner_id TEXT NOT NULL,
  marketplace TEXT NOT NULL,
  since_ms BIGINT NOT NULL,
  next_poll_at BIGINT NOT NULL,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  polled_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (partner_id, marketplace)
);
-- Sync coalescing per card: a change bumps sync_wanted; a sync job records the figure it served in
-- sync_done, and one more job is queued only while wanted is ahead of done.
ALTER TABLE cards ADD COLUMN sync_wanted BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cards ADD COLUMN sync_done BIGINT NOT NULL DEFAULT 0;
