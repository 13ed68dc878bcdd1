-- Paper trading: simulated orders against real prices. Balances are never stored, only the ledger
-- of changes (deposit, lock, unlock, trade, fee); a balance is the sum of an asset's entries, so every
-- unit of money can be traced to the order that moved it. Accounts are keyed by the account id of
-- the accounts feature without a foreign key: the exchange package knows no other feature's tables.
create table paper_accounts (
    account_id uuid        primary key,
    opened_at  timestamptz not null default now()
);

-- One row per client order id and account: the primary key makes a second order with the same id
-- impossible, so a retried or redelivered placeOrder answers the first one.
create table paper_orders (
    account_id                uuid        not null references paper_accounts (account_id) on delete cascade,
    client_order_id           varchar(36) not null,
    order_id                  bigint      generated always as identity unique,
    symbol                    varchar(20) not null,
    side                      varchar(4)  not null check (side in ('BUY', 'SELL')),
    type                      varchar(6)  not null check (type in ('MARKET', 'LIMIT')),
    status                    varchar(16) not null check (status in ('NEW', 'FILLED', 'CANCELED')),
    price                     numeric     check (price > 0),
    quantity                  numeric     not null check (quantity > 0),
    executed_quantity         numeric     not null default 0,
    cumulative_quote_quantity numeric     not null default 0,
    created_at                timestamptz not null,
    updated_at                timestamptz not null,
    -- candles before this time were already compared with a resting LIMIT order's price
    checked_until             timestamptz not null,
    primary key (account_id, client_order_id),
    constraint paper_orders_limit_has_price check (type = 'MARKET' or price is not null)
);
create index paper_orders_open on paper_orders (account_id, symbol) where status = 'NEW';

create table paper_trades (
    id               bigint      generated always as identity primary key,
    account_id       uuid        not null,
    client_order_id  varchar(36) not null,
    order_id         bigint      not null,
    symbol           varchar(20) not null,
    side             varchar(4)  not null check (side in ('BUY', 'SELL')),
    price            numeric     not null check (price > 0),
    quantity         numeric     not null check (quantity > 0),
    quote_quantity   numeric     not null,
    commission       numeric     not null check (commission >= 0),
    commission_asset varchar(20) not null,
    maker            boolean     not null,
    time             timestamptz not null,
    foreign key (account_id, client_order_id) references paper_orders (account_id, client_order_id) on delete cascade
);
create index paper_trades_account_symbol on paper_trades (account_id, symbol, time);

create table paper_ledger (
    id              bigint      generated always as identity primary key,
    account_id      uuid        not null references paper_accounts (account_id) on delete cascade,
    asset           varchar(20) not null,
    free_change     numeric     not null,
    locked_change   numeric     not null default 0,
    reason          varchar(8)  not null check (reason in ('DEPOSIT', 'LOCK', 'UNLOCK', 'TRADE', 'FEE')),
    client_order_id varchar(36),
    created_at      timestamptz not null default now()
);
create index paper_ledger_account_asset on paper_ledger (account_id, asset);
