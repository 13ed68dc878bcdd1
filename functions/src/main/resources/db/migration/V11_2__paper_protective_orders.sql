-- Protective exit orders on paper accounts (type PROTECT: stop-loss, take-profit and trailing stop on
-- one quantity, swept by the fill model like a resting limit), and the look-ups of the order path:
-- an order's fills by order id, the account's fills from a trade id, its orders from a time.
alter table paper_orders drop constraint paper_orders_type_check;
alter table paper_orders alter column type type varchar(8);
alter table paper_orders add constraint paper_orders_type_check check (type in ('MARKET', 'LIMIT', 'PROTECT'));
alter table paper_orders drop constraint paper_orders_limit_has_price;
alter table paper_orders add constraint paper_orders_limit_has_price check (type <> 'LIMIT' or price is not null);
alter table paper_orders
    add column stop_price        numeric check (stop_price > 0),
    add column take_profit_price numeric check (take_profit_price > 0),
    add column trailing_delta    numeric check (trailing_delta > 0 and trailing_delta < 1),
    -- a trailing stop's highest price seen so far (the price when it was placed, then each candle's high)
    add column high_water        numeric;
alter table paper_orders add constraint paper_orders_protect_has_exit check (type <> 'PROTECT'
    or stop_price is not null or take_profit_price is not null or trailing_delta is not null);
create index paper_orders_created on paper_orders (account_id, symbol, created_at);
create index paper_trades_order on paper_trades (account_id, order_id);
