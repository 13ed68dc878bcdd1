-- The transactional outbox: a message a function publishes is first a row here, written in the
-- caller's transaction, so it exists exactly when the caller's own rows do. The relay
-- (platform.messaging.OutboxRelay) sends each row to RabbitMQ with publisher confirms and deletes it
-- once the broker confirmed it; a broker outage leaves rows here until it is back.
create table outbox (
    id              bigint generated always as identity primary key,
    -- The function whose MQ event (template.yaml) names the queue.
    function        varchar(128) not null,
    -- The message body as sent: JSON.
    payload         text not null,
    -- Message headers (the request id of the API request that wrote it).
    headers         jsonb not null default '{}',
    created_at      timestamptz not null,
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);

-- The relay takes the oldest due rows first.
create index outbox_due_idx on outbox (next_attempt_at, id);
