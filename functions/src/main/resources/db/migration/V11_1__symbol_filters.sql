-- The exchange filters of a listed symbol (exchangeInfo), so that a backtest rounds and checks its
-- orders as the exchange would. Null on a symbol only imported: the backtest then applies the
-- documented default rule set (prices and quantities on a 0.00000001 grid, no minimum order value).
alter table symbols
    add column tick_size           numeric,
    add column min_price           numeric,
    add column max_price           numeric,
    add column step_size           numeric,
    add column min_qty             numeric,
    add column max_qty             numeric,
    add column market_step_size    numeric,
    add column market_min_qty      numeric,
    add column market_max_qty      numeric,
    add column min_notional        numeric,
    add column max_notional        numeric,
    add column apply_min_to_market boolean,
    add column apply_max_to_market boolean,
    add column bid_multiplier_up   numeric,
    add column bid_multiplier_down numeric,
    add column ask_multiplier_up   numeric,
    add column ask_multiplier_down numeric,
    add column max_num_orders      integer;
