-- The bots' order path: one row per order a bot decided, written before anything is sent. No foreign
-- key to bots or accounts: the audit trail outlives a deleted bot.
create table bot_orders (
    id                uuid primary key,
    bot_id            uuid          not null,
    user_id           uuid          not null,
    account_id        uuid          not null,
    symbol            varchar(32)   not null,
    candle_open_time  timestamptz   not null,
    intent_index      int           not null,
    -- 0 for the first send of a signal; a signal found not placed is sent again as attempt + 1.
    attempt           int           not null default 0,
    client_order_id   varchar(36)   not null,
    side              varchar(8)    not null,
    type              varchar(32)   not null,
    quantity          numeric(38, 18),
    quote_quantity    numeric(38, 18),
    price             numeric(38, 18),
    stop_price        numeric(38, 18),
    take_profit_price numeric(38, 18),
    trailing_stop     numeric(38, 18),
    reason            text          not null default '',
    status            varchar(16)   not null,
    -- The quantity actually sent (rounded to the step, or the position for a sell-all), set at the claim.
    sent_quantity     numeric(38, 18),
    fence             bigint,
    exchange_order_id bigint,
    exchange_status   varchar(32),
    executed_quantity numeric(38, 18) not null default 0,
    cumulative_quote  numeric(38, 18) not null default 0,
    reject_code       int,
    reject_message    text,
    unknown_reason    text,
    lookup_misses     int           not null default 0,
    replaces          uuid,
    max_signal_age_ms bigint        not null,
    -- The symbol's filters when the order was claimed: positions read dust and the step from them.
    base_asset        varchar(16),
    quote_asset       varchar(16),
    step_size         numeric(38, 18),
    min_qty           numeric(38, 18),
    min_notional      numeric(38, 18),
    decided_at        timestamptz   not null,
    claimed_at        timestamptz,
    answered_at       timestamptz,
    resolved_at       timestamptz,
    updated_at        timestamptz   not null,
    seq               bigserial,
    constraint bot_orders_client_order_id_key unique (account_id, client_order_id),
    constraint bot_orders_signal_key unique (bot_id, candle_open_time, intent_index, attempt)
);

create index bot_orders_bot_idx on bot_orders (bot_id, seq);
-- reconcileOrders reads the orders whose fate is not settled.
create index bot_orders_unresolved_idx on bot_orders (account_id) where status in ('SENDING', 'UNKNOWN', 'OPEN');

-- Every fill of a bot's order, stored once: Binance's trade ids count per symbol.
create table bot_fills (
    account_id        uuid          not null,
    symbol            varchar(32)   not null,
    trade_id          bigint        not null,
    order_id          uuid          not null,
    bot_id            uuid          not null,
    exchange_order_id bigint        not null,
    side              varchar(8)    not null,
    price             numeric(38, 18) not null,
    quantity          numeric(38, 18) not null,
    quote_quantity    numeric(38, 18) not null,
    commission        numeric(38, 18) not null,
    commission_asset  varchar(16)   not null,
    maker             boolean       not null,
    time              timestamptz   not null,
    seq               bigserial,
    primary key (account_id, symbol, trade_id)
);

create index bot_fills_bot_idx on bot_fills (bot_id, seq);
create index bot_fills_order_idx on bot_fills (order_id);

-- What a bot decided and why, what it sent and what became of it, newest last.
create table bot_events (
    seq      bigserial primary key,
    id       uuid         not null unique,
    bot_id   uuid         not null,
    user_id  uuid         not null,
    type     varchar(32)  not null,
    message  text         not null,
    details  jsonb        not null default '{}',
    at       timestamptz  not null
);

create index bot_events_bot_idx on bot_events (bot_id, seq);

-- Where the gapless scan of an account's trades in one symbol goes on from (myTrades fromId).
create table bot_trade_cursors (
    account_id    uuid        not null,
    symbol        varchar(32) not null,
    next_trade_id bigint      not null,
    primary key (account_id, symbol)
);
