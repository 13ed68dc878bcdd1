-- Protective exits on the order path. A bot's buy with exits is followed by a PROTECT row whose exits are
-- fractions of the position's average cost (stop_loss, take_profit; trailing_stop as before); the prices
-- are resolved when it is sent (stop_price, take_profit_price). On an exchange that does not rest such an
-- order (Binance) the bot holds it (status ARMED) and checks it on each closed candle: high_water is the
-- trailing stop's mark, checked_until the open time of the last candle checked.
alter table bot_orders
    add column stop_loss     numeric(38, 18),
    add column take_profit   numeric(38, 18),
    add column high_water    numeric(38, 18),
    add column checked_until timestamptz;

create index bot_orders_armed_idx on bot_orders (bot_id) where status = 'ARMED';
