-- Telegram notifications (src/notify/): a partner's chat and choices, and the outbox the sender delivers
-- from at least once (pending rows are retried with backoff; a lease keeps two senders off one row).
CREATE TABLE telegram_settings (
  partner_id TEXT PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
  chat_id TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'uz',
  events TEXT NOT NULL DEFAULT 'card_live,card_rejected,credential_failed,stock_low',
  status TEXT NOT NULL DEFAULT 'active',
  last_error TEXT NOT NULL DEFAULT '',
  last_sent_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE notify_outbox (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX notify_outbox_due ON notify_outbox(status, next_attempt_at);
CREATE INDEX notify_outbox_dedupe ON notify_outbox(dedupe_key, created_at);
CREATE INDEX notify_outbox_partner ON notify_outbox(partner_id, created_at);
