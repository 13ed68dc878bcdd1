-- A user's trading bots. A bot trades one symbol and interval of one exchange account with one
-- strategy of the catalog; params are the catalog-validated parameters (defaults filled in).
-- last_candle is the runner's cursor: the open time of the newest closed candle the strategy has
-- been shown; it only moves forward, in the transaction that records that candle's orders.
-- A replay bot (paper accounts only) runs over the stored candles [replay_from, replay_to) and
-- stops itself at the end. Its orders, fills and events are in the orders feature's tables, which
-- keep no foreign key to bots: the audit trail outlives a deleted bot.
create table bots (
    id             uuid          primary key,
    user_id        uuid          not null references users (id) on delete cascade,
    account_id     uuid          not null references exchange_accounts (id) on delete cascade,
    name           text          not null,
    symbol         varchar(20)   not null,
    interval       varchar(3)    not null,
    strategy       varchar(64)   not null,
    params         jsonb         not null,
    sizing_type    varchar(10)   not null,
    sizing_value   numeric       not null,
    risk           jsonb,
    replay_from    timestamptz,
    replay_to      timestamptz,
    status         varchar(16)   not null default 'stopped',
    last_candle    timestamptz,
    last_error     text,
    started_at     timestamptz,
    stopped_at     timestamptz,
    created_at     timestamptz   not null default now(),
    updated_at     timestamptz   not null default now(),
    constraint bots_name_trimmed check (name = btrim(name) and length(name) between 1 and 64),
    constraint bots_status check (status in ('stopped', 'running')),
    constraint bots_sizing_type check (sizing_type in ('fixed', 'percent')),
    constraint bots_sizing_value check (sizing_value > 0),
    constraint bots_replay_range check ((replay_from is null) = (replay_to is null) and (replay_from is null or replay_from < replay_to))
);

create index bots_user_created_idx on bots (user_id, created_at desc, id);
create index bots_running_idx on bots (interval) where status = 'running';

-- The bot's runs, a job kind of platform.jobs (the columns every job table has): one row per bot,
-- queued again by tickBots. A run holds the bot's lease while its row is running with its attempt
-- (the fencing token); a run whose heartbeat went stale is taken over by the next task.
create table bot_runs (
    id           uuid        primary key references bots (id) on delete cascade,
    user_id      uuid        not null references users (id) on delete cascade,
    request      jsonb       not null default '{}'::jsonb,
    status       varchar(16) not null default 'queued',
    progress     smallint    not null default 0,
    error        text,
    result       jsonb,
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    heartbeat_at timestamptz,
    attempt      integer     not null default 0,
    constraint bot_runs_status check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    constraint bot_runs_progress check (progress between 0 and 100)
);
