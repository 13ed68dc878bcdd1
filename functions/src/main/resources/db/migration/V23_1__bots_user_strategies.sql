-- A bot on a user strategy stores the pinned reference user:<id>@<version> in strategy. The strategy's
-- id, derived from it, keeps a foreign key: a strategy cannot be deleted while a bot (running or not)
-- is configured with it, even when the delete races the bot's creation.
alter table bots add column user_strategy_id uuid generated always as (
    case when strategy like 'user:%' then cast(substring(strategy from 6 for 36) as uuid) end) stored
    references user_strategies (id);

create index bots_user_strategy_idx on bots (user_strategy_id) where user_strategy_id is not null;
