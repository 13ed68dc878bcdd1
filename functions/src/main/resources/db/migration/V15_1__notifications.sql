-- Where a user's notifications go: webhooks (URL + signing secret) and Telegram chats (bot token + chat id).
-- secret_enc is a Fernet token (FERNET_KEY/FERNET_KEYS): the webhook's signing secret, which must be read back
-- to sign, or the Telegram bot token. events is the comma-separated list of subscribed event names.
create table notification_channels (
    id          uuid        primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    kind        text        not null,
    url         text,
    chat_id     text,
    secret_enc  text        not null,
    secret_hint text,
    events      text        not null,
    created_at  timestamptz not null,
    constraint notification_channels_kind check (kind in ('webhook', 'telegram')),
    constraint notification_channels_target check (
        case when kind = 'webhook' then url is not null and chat_id is null
             else chat_id is not null and url is null end)
);
create index notification_channels_user on notification_channels (user_id, kind);

-- One event for one channel. pending: a task is on its way; sending: an attempt holds it until
-- next_attempt_at (a lease); retrying: due again at next_attempt_at; succeeded and failed are final.
create table notification_deliveries (
    id               uuid        primary key,
    channel_id       uuid        not null references notification_channels (id) on delete cascade,
    event_type       text        not null,
    body             text        not null,
    status           text        not null,
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    give_up_at       timestamptz not null,
    last_status_code int,
    last_error       text,
    created_at       timestamptz not null,
    finished_at      timestamptz,
    constraint notification_deliveries_status check (status in ('pending', 'sending', 'retrying', 'succeeded', 'failed'))
);
create index notification_deliveries_channel on notification_deliveries (channel_id, created_at desc);
create index notification_deliveries_due on notification_deliveries (next_attempt_at) where status in ('sending', 'retrying');
