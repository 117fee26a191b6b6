-- Job queue (src/queue/db): jobs, their events, dedupe records of completed jobs, partner turns for fair
-- share, and token buckets for rate limits. Times are Unix ms (UTC).
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    partner_id TEXT NOT NULL DEFAULT '',
    marketplace TEXT NOT NULL DEFAULT '',
    rate_key TEXT NOT NULL DEFAULT '',
    priority INT NOT NULL DEFAULT 2,
    payload TEXT NOT NULL DEFAULT '{}',
    dedupe_key TEXT,
    parent_id TEXT,
    state TEXT NOT NULL CHECK (state IN ('waiting','delayed','running','completed','failed','dead')),
    enqueued_at BIGINT NOT NULL,
    ready_at BIGINT NOT NULL,
    run_at BIGINT,
    attempt INT NOT NULL DEFAULT 0,
    stall_count INT NOT NULL DEFAULT 0,
    max_attempts INT NOT NULL,
    lease_token TEXT,
    lease_until BIGINT,
    worker_id TEXT NOT NULL DEFAULT '',
    started_at BIGINT,
    finished_at BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    result TEXT
);
-- Lanes (partner × priority) in claim order; the claim walks their heads.
CREATE INDEX jobs_waiting ON jobs (partner_id, priority, ready_at, id) WHERE state = 'waiting';
CREATE INDEX jobs_delayed ON jobs (run_at) WHERE state = 'delayed';
CREATE INDEX jobs_running ON jobs (lease_until) WHERE state = 'running';
CREATE INDEX jobs_parent ON jobs (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX jobs_dead ON jobs (finished_at) WHERE state IN ('failed','dead');
CREATE INDEX jobs_completed ON jobs (finished_at) WHERE state = 'completed';
-- Q7: one live job per dedupe key.
CREATE UNIQUE INDEX jobs_dedupe_live ON jobs (dedupe_key)
    WHERE dedupe_key IS NOT NULL AND state IN ('waiting','delayed','running');

CREATE TABLE completed_keys (
    dedupe_key TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX completed_keys_expiry ON completed_keys (expires_at);

CREATE TABLE queue_partners (
    partner_id TEXT PRIMARY KEY,
    last_served BIGINT NOT NULL
);

CREATE TABLE job_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id TEXT NOT NULL,
    stream TEXT NOT NULL DEFAULT '',
    seq BIGINT NOT NULL,
    ts BIGINT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    UNIQUE (job_id, seq)
);
CREATE INDEX job_events_stream ON job_events (stream, id);

CREATE TABLE rate_buckets (
    key TEXT PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    updated_at BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL DEFAULT 0
);

-- The queue table churns (every claim and completion rewrites a row and leaves a dead index entry where the
-- next claim starts looking): vacuum it after a few thousand changes, not after 20 % of the table.
ALTER TABLE jobs SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                      autovacuum_vacuum_cost_delay = 0, autovacuum_analyze_scale_factor = 0.02);

-- Completing a job is the queue's hottest statement. As a function its plans are prepared once per session
-- (the SqlDb seam sends every statement unprepared, and planning the three-part statement cost more than
-- running it). Returns -1 when the lease is no longer held, else the number of children released.
CREATE FUNCTION by_queue_complete(p_id TEXT, p_token TEXT, p_now BIGINT, p_result TEXT, p_expires BIGINT)
RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
    v_dedupe TEXT;
    v_kids INT;
BEGIN
    UPDATE jobs SET state = 'completed', finished_at = p_now, result = p_result, lease_token = NULL,
                    lease_until = NULL
     WHERE id = p_id AND lease_token = p_token AND state = 'running'
    RETURNING dedupe_key INTO v_dedupe;
    IF NOT FOUND THEN
        RETURN -1;
    END IF;
    IF v_dedupe IS NOT NULL THEN
        INSERT INTO completed_keys (dedupe_key, job_id, expires_at) VALUES (v_dedupe, p_id, p_expires)
        ON CONFLICT (dedupe_key) DO UPDATE SET job_id = excluded.job_id, expires_at = excluded.expires_at;
    END IF;
    UPDATE jobs SET state = 'waiting', ready_at = p_now
     WHERE parent_id = p_id AND state = 'delayed' AND run_at IS NULL;
    GET DIAGNOSTICS v_kids = ROW_COUNT;
    RETURN v_kids;
END
$$;

-- The claim's statements, for the same reason (src/queue/db/db_job_queue.cpp calls them on PostgreSQL).
CREATE FUNCTION by_queue_has_work(p_now BIGINT) RETURNS INT LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM jobs WHERE state = 'waiting')
       OR EXISTS (SELECT 1 FROM jobs WHERE state = 'delayed' AND run_at IS NOT NULL AND run_at <= p_now) THEN
        RETURN 1;
    END IF;
    RETURN 0;
END
$$;

CREATE FUNCTION by_queue_promote(p_now BIGINT) RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
    v_n INT;
BEGIN
    UPDATE jobs SET state = 'waiting', ready_at = run_at
     WHERE id IN (SELECT id FROM jobs WHERE state = 'delayed' AND run_at IS NOT NULL AND run_at <= p_now
                  LIMIT 1000 FOR UPDATE SKIP LOCKED);
    GET DIAGNOSTICS v_n = ROW_COUNT;
    RETURN v_n;
END
$$;

-- Lane heads (one per partner × priority) by a loose index scan. p_kinds: JSON array of kinds, or NULL.
CREATE FUNCTION by_queue_lanes(p_kinds JSONB)
RETURNS TABLE (id TEXT, partner_id TEXT, priority INT, ready_at BIGINT) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH RECURSIVE t(id, partner_id, priority, ready_at) AS (
        SELECT h.id, h.partner_id, h.priority, h.ready_at FROM (
            SELECT j.id, j.partner_id, j.priority, j.ready_at FROM jobs j
             WHERE j.state = 'waiting' AND (p_kinds IS NULL OR j.kind IN (SELECT jsonb_array_elements_text(p_kinds)))
             ORDER BY j.partner_id, j.priority, j.ready_at, j.id LIMIT 1) h
        UNION ALL
        SELECT j.id, j.partner_id, j.priority, j.ready_at FROM t JOIN jobs j ON j.id = (
            SELECT j2.id FROM jobs j2
             WHERE j2.state = 'waiting'
               AND (p_kinds IS NULL OR j2.kind IN (SELECT jsonb_array_elements_text(p_kinds)))
               AND (j2.partner_id, j2.priority) > (t.partner_id, t.priority)
             ORDER BY j2.partner_id, j2.priority, j2.ready_at, j2.id LIMIT 1))
    SELECT t.id, t.partner_id, t.priority, t.ready_at FROM t;
END
$$;

CREATE FUNCTION by_queue_fetch(p_partner TEXT, p_priority INT, p_kinds JSONB, p_n INT)
RETURNS TABLE (id TEXT, ready_at BIGINT) LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT j.id, j.ready_at FROM jobs j
     WHERE j.state = 'waiting' AND j.partner_id = p_partner AND j.priority = p_priority
       AND (p_kinds IS NULL OR j.kind IN (SELECT jsonb_array_elements_text(p_kinds)))
     ORDER BY j.ready_at, j.id LIMIT p_n FOR UPDATE SKIP LOCKED;
END
$$;

CREATE FUNCTION by_queue_mark_running(p_ids JSONB, p_token TEXT, p_until BIGINT, p_worker TEXT, p_now BIGINT)
RETURNS SETOF jobs LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY
    WITH u AS (
        UPDATE jobs SET state = 'running', attempt = attempt + 1, lease_token = p_token, lease_until = p_until,
                        worker_id = p_worker, started_at = p_now
         WHERE id IN (SELECT jsonb_array_elements_text(p_ids)) AND state = 'waiting'
        RETURNING *)
    SELECT * FROM u;
END
$$;

CREATE FUNCTION by_queue_save_turns(p_turns JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO queue_partners (partner_id, last_served)
    SELECT key, CAST(value AS BIGINT) FROM jsonb_each_text(p_turns) ORDER BY key
    ON CONFLICT (partner_id) DO UPDATE SET last_served = excluded.last_served;
END
$$;
