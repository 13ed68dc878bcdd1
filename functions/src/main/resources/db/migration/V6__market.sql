-- The symbols the API knows: what the exchange lists (refreshSymbols, or a watch of a symbol not seen
-- yet) and what was imported under a name the exchange does not list (source 'import').
create table symbols (
    symbol      varchar(20) primary key,
    base_asset  varchar(20),
    quote_asset varchar(20),
    status      varchar(20) not null,
    source      varchar(10) not null check (source in ('exchange', 'import')),
    updated_at  timestamptz not null default now()
);

-- The (symbol, interval) pairs refreshCandles keeps up to date. A user watches a pair once; bots add
-- rows of their own later.
create table candle_watches (
    id         uuid primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    symbol     varchar(20) not null references symbols (symbol),
    interval   varchar(3)  not null,
    created_at timestamptz not null default now(),
    unique (user_id, symbol, interval)
);

create index candle_watches_pair on candle_watches (symbol, interval);

-- Holes between stored candles that the exchange was asked to fill and had no candle for (it
-- publishes none while a market is halted): refreshCandles does not ask again every minute.
create table candle_gaps_checked (
    symbol     varchar(20) not null,
    interval   varchar(3)  not null,
    gap_start  timestamptz not null,
    gap_end    timestamptz not null,
    checked_at timestamptz not null default now(),
    primary key (symbol, interval, gap_start)
);
