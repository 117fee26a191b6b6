-- Accounts, products, requests, cards, credentials and the audit log. Times are Unix milliseconds UTC.
CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  company TEXT NOT NULL,
  tier TEXT NOT NULL DEFAULT 'starter',
  status TEXT NOT NULL DEFAULT 'active',
  created_at BIGINT NOT NULL
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  partner_id TEXT REFERENCES partners(id),
  created_at BIGINT NOT NULL,
  last_login_at BIGINT
);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE TABLE login_failures (
  id TEXT PRIMARY KEY,
  throttle_key TEXT NOT NULL,
  ts BIGINT NOT NULL
);
CREATE INDEX login_failures_key_ts ON login_failures(throttle_key, ts);
CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  partner_id TEXT REFERENCES partners(id),
  sha256 TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL DEFAULT 'photo',
  created_at BIGINT NOT NULL
);
CREATE INDEX assets_partner ON assets(partner_id);
CREATE TABLE products (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  brand TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  attributes TEXT NOT NULL DEFAULT '{}',
  cost_amount BIGINT NOT NULL,
  cost_currency TEXT NOT NULL,
  price_amount BIGINT NOT NULL,
  price_currency TEXT NOT NULL,
  stock BIGINT NOT NULL DEFAULT 0,
  barcode TEXT NOT NULL DEFAULT '',
  photos TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (partner_id, sku)
);
CREATE INDEX products_partner_created ON products(partner_id, created_at);
CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  product_id TEXT NOT NULL REFERENCES products(id),
  marketplaces TEXT NOT NULL,
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT,
  reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX requests_partner_created ON requests(partner_id, created_at);
CREATE INDEX requests_status_created ON requests(status, created_at);
CREATE TABLE cards (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES requests(id),
  partner_id TEXT NOT NULL REFERENCES partners(id),
  product_id TEXT NOT NULL REFERENCES products(id),
  marketplace TEXT NOT NULL,
  status TEXT NOT NULL,
  stages TEXT NOT NULL DEFAULT '[]',
  content TEXT NOT NULL DEFAULT '{}',
  images TEXT NOT NULL DEFAULT '[]',
  video TEXT NOT NULL DEFAULT '',
  quality TEXT NOT NULL DEFAULT '{}',
  marketplace_ref TEXT NOT NULL DEFAULT '',
  moderation TEXT NOT NULL DEFAULT '{}',
  error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (request_id, marketplace)
);
CREATE INDEX cards_product ON cards(product_id);
CREATE TABLE marketplace_credentials (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  marketplace TEXT NOT NULL,
  kind TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  key_version BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'untested',
  last_verified BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  hint TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (partner_id, marketplace, kind)
);
CREATE INDEX credentials_key_version ON marketplace_credentials(key_version);
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  ts BIGINT NOT NULL,
  actor TEXT NOT NULL,
  partner_id TEXT,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_ts ON audit_log(ts);
CREATE INDEX audit_partner_ts ON audit_log(partner_id, ts);
