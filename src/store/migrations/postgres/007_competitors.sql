-- Competitor cards a partner watches (issue 12.3): one row per (product, marketplace, card id), with the
-- latest price read, when the next read is due and a lease, so that of many worker processes only one
-- reads a card at a time (the order_cursors pattern). Prices are integer minor units with their currency.
CREATE TABLE competitor_cards (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  product_id TEXT NOT NULL REFERENCES products(id),
  marketplace TEXT NOT NULL,
  card_id TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  last_amount BIGINT,
  last_currency TEXT NOT NULL DEFAULT '',
  last_read_at BIGINT NOT NULL DEFAULT 0,
  checked_at BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  failures BIGINT NOT NULL DEFAULT 0,
  next_read_at BIGINT NOT NULL,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  UNIQUE (partner_id, product_id, marketplace, card_id)
);
CREATE INDEX competitor_cards_due ON competitor_cards(next_read_at);
CREATE INDEX competitor_cards_partner ON competitor_cards(partner_id, created_at);
-- Every successful read, for the history chart.
CREATE TABLE competitor_prices (
  id TEXT PRIMARY KEY,
  competitor_id TEXT NOT NULL REFERENCES competitor_cards(id),
  amount BIGINT NOT NULL,
  currency TEXT NOT NULL,
  read_at BIGINT NOT NULL
);
CREATE INDEX competitor_prices_card ON competitor_prices(competitor_id, read_at);
