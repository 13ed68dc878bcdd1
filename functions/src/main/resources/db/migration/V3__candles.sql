-- Closed OHLCV candles, one row per (symbol, interval, open_time): the primary key makes a
-- duplicate impossible, so refreshCandles and importCandles insert with "on conflict".
-- Prices and volume are exact numerics as the exchange sent them.
create table candles (
    symbol    varchar(20) not null,
    interval  varchar(3)  not null,
    open_time timestamptz not null,
    open      numeric     not null,
    high      numeric     not null,
    low       numeric     not null,
    close     numeric     not null,
    volume    numeric     not null,
    primary key (symbol, interval, open_time),
    constraint candles_prices_positive check (open > 0 and high > 0 and low > 0 and close > 0 and volume >= 0),
    constraint candles_range_consistent check (low <= least(open, close) and high >= greatest(open, close))
);
