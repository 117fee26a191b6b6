-- Unit economics and billing. Times are Unix ms (UTC); money is integer minor units.
-- A partner's own fee rates (the calculator's overrides): category is our key or '*'; kind 'percent' holds
-- basis points, 'fixed' minor units of currency per unit sold.
CREATE TABLE economics_rates (
  partner_id TEXT NOT NULL REFERENCES partners(id),
  marketplace TEXT NOT NULL,
  category TEXT NOT NULL,
  rate TEXT NOT NULL,
  kind TEXT NOT NULL,
  value BIGINT NOT NULL,
  currency TEXT NOT NULL DEFAULT '',
  set_at BIGINT NOT NULL,
  PRIMARY KEY (partner_id, marketplace, category, rate)
);
-- Subscription history: one open row (ended_at NULL) per partner at most; a tier change ends one and
-- starts the next, so MRR and churn can be read for any month.
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  tier TEXT NOT NULL,
  ai_addon BIGINT NOT NULL DEFAULT 0,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  end_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX subscriptions_partner ON subscriptions(partner_id, started_at);
CREATE UNIQUE INDEX subscriptions_open ON subscriptions(partner_id) WHERE ended_at IS NULL;
-- Issued monthly invoices: issuing a month again returns the stored one (idempotent).
CREATE TABLE invoices (
  partner_id TEXT NOT NULL REFERENCES partners(id),
  month TEXT NOT NULL,
  currency TEXT NOT NULL,
  fee BIGINT NOT NULL,
  profit_share BIGINT NOT NULL,
  total BIGINT NOT NULL,
  body TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  PRIMARY KEY (partner_id, month)
);
