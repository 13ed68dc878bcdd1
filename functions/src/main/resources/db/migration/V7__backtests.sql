-- Backtests and optimisations: one row per job, queued by submit*, run by run* on the worker.
-- request is the validated request (defaults filled in); result is the finished report with its
-- exact decimals. heartbeat_at is written with the progress while running: expireBacktests fails
-- a running row whose heartbeat went stale (its worker stopped), so none stays running forever.
-- attempt counts claims; a job is claimed only from queued, so a redelivered task never runs twice.
create table backtests (
    id           uuid        primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    request      jsonb       not null,
    status       varchar(16) not null default 'queued',
    progress     smallint    not null default 0,
    error        text,
    result       jsonb,
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    heartbeat_at timestamptz,
    attempt      integer     not null default 0,
    constraint backtests_status check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    constraint backtests_progress check (progress between 0 and 100)
);

create index backtests_user_created_idx on backtests (user_id, created_at desc);
create index backtests_running_heartbeat_idx on backtests (heartbeat_at) where status = 'running';

create table optimizations (
    id           uuid        primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    request      jsonb       not null,
    status       varchar(16) not null default 'queued',
    progress     smallint    not null default 0,
    error        text,
    result       jsonb,
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    heartbeat_at timestamptz,
    attempt      integer     not null default 0,
    constraint optimizations_status check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    constraint optimizations_progress check (progress between 0 and 100)
);

create index optimizations_user_created_idx on optimizations (user_id, created_at desc);
create index optimizations_running_heartbeat_idx on optimizations (heartbeat_at) where status = 'running';
