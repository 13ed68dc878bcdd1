-- Imported candles belong to the user who imported them: one user's file never reaches another
-- user's charts, backtests or bots, and the exchange's candles (table candles, written only by
-- refreshCandles and the bot runner's refresh) win over a user's own at the same open time.

-- The symbols a user imported candles under (their assets read from the name, as ImportedAssets does).
create table imported_symbols (
    user_id     uuid        not null references users (id) on delete cascade,
    symbol      varchar(20) not null,
    base_asset  varchar(20),
    quote_asset varchar(20),
    created_at  timestamptz not null default now(),
    primary key (user_id, symbol)
);

create table imported_candles (
    user_id   uuid        not null,
    symbol    varchar(20) not null,
    interval  varchar(3)  not null,
    open_time timestamptz not null,
    open      numeric     not null,
    high      numeric     not null,
    low       numeric     not null,
    close     numeric     not null,
    volume    numeric     not null,
    primary key (user_id, symbol, interval, open_time),
    foreign key (user_id, symbol) references imported_symbols (user_id, symbol) on delete cascade,
    constraint imported_candles_prices_positive check (open > 0 and high > 0 and low > 0 and close > 0 and volume >= 0),
    constraint imported_candles_range_consistent check (low <= least(open, close) and high >= greatest(open, close))
);

-- Until now imports went into the shared tables, and who imported what was not recorded. A symbol
-- only imported (symbols.source 'import') holds imported candles only: they are kept, untouched, in
-- candles_imported_before_v24 (read by no route), and each user who had used the symbol (a bot, a
-- backtest or an optimisation names it) gets them as their own import, so their work goes on.
-- Under a symbol the exchange lists, imported and fetched candles cannot be told apart: they stay
-- the exchange's.
create table candles_imported_before_v24 (like candles including all);

insert into candles_imported_before_v24
select c.* from candles c join symbols s on s.symbol = c.symbol and s.source = 'import';

insert into imported_symbols (user_id, symbol, base_asset, quote_asset)
select used.user_id, s.symbol, s.base_asset, s.quote_asset
from (select user_id, symbol from bots
      union select user_id, upper(request ->> 'symbol') from backtests
      union select user_id, upper(request ->> 'symbol') from optimizations) used
join symbols s on s.symbol = used.symbol and s.source = 'import';

insert into imported_candles (user_id, symbol, interval, open_time, open, high, low, close, volume)
select i.user_id, c.symbol, c.interval, c.open_time, c.open, c.high, c.low, c.close, c.volume
from imported_symbols i join candles_imported_before_v24 c on c.symbol = i.symbol;

delete from candles c using symbols s where s.symbol = c.symbol and s.source = 'import';
delete from candle_gaps_checked g using symbols s where s.symbol = g.symbol and s.source = 'import';
delete from symbols where source = 'import';

-- symbols is the exchange's list from now on: nothing shared can be registered by an import again.
alter table symbols add constraint symbols_listed_only check (source = 'exchange');
