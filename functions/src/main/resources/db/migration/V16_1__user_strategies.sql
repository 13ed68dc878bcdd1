-- Strategies users write in the rule language. Every saved source is a new immutable version, so a
-- backtest, an optimisation or a bot keeps the version it started with (user:<id>@<version>) even
-- after the strategy is edited.
create table user_strategies (
    id          uuid        primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    name        varchar(40) not null,
    version     integer     not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    constraint user_strategies_name_unique unique (user_id, name)
);

create table user_strategy_versions (
    strategy_id uuid        not null references user_strategies (id) on delete cascade,
    version     integer     not null,
    source      text        not null,
    created_at  timestamptz not null,
    primary key (strategy_id, version),
    constraint user_strategy_versions_source_length check (length(source) <= 10000)
);
