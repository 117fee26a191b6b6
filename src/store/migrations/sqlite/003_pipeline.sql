-- Pipeline checkpoints: each stage's output, stored before the next stage is queued (GUARANTEES Q9).
-- owner_id is the request id for product-level stages and the card id for per-marketplace stages.
CREATE TABLE stage_outputs (
  owner_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  output TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (owner_id, stage)
);
-- Publish batching: cards ready to publish are taken together by one publish job (batch_token).
ALTER TABLE cards ADD COLUMN batch_token TEXT NOT NULL DEFAULT '';
ALTER TABLE cards ADD COLUMN ready_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX cards_publish_ready ON cards(partner_id, marketplace, status, ready_at);
