-- Cards the service has given (so that feedback, which names only a card's uuid, can be traced to its advice code
-- and ruleset), the feedback on them, and one audit row per call (no clinical free text).
CREATE TABLE card (
    uuid            TEXT PRIMARY KEY,
    advice_code     TEXT NOT NULL,
    ruleset_id      TEXT NOT NULL,
    ruleset_version TEXT NOT NULL,
    ruleset_sha256  TEXT NOT NULL,
    first_given_at  TEXT NOT NULL
);

CREATE TABLE feedback (
    id              ${identity},
    received_at     TEXT NOT NULL,
    service_id      TEXT NOT NULL,
    card_uuid       TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    outcome_at      TEXT,
    override_system TEXT,
    override_code   TEXT,
    accepted_suggestions INTEGER NOT NULL DEFAULT 0,
    advice_code     TEXT,
    ruleset_id      TEXT,
    ruleset_version TEXT,
    ruleset_sha256  TEXT,
    caller          TEXT
);
CREATE INDEX feedback_by_code ON feedback (advice_code, outcome);

CREATE TABLE audit (
    id              ${identity},
    at              TEXT NOT NULL,
    caller          TEXT,
    service_id      TEXT NOT NULL,
    hook            TEXT,
    hook_instance   TEXT,
    patient_id      TEXT,
    status          TEXT,
    advice_codes    TEXT,
    ruleset_id      TEXT,
    ruleset_version TEXT,
    ruleset_sha256  TEXT,
    http_status     INTEGER NOT NULL,
    millis          INTEGER NOT NULL
);
