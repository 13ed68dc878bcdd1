#!/bin/sh
# First start of the postgres_data volume only (docker-entrypoint-initdb.d): the role the backend
# connects as. It owns tradebot_db and its public schema, so Flyway can create and alter the
# tables, but it is not a superuser and cannot create roles or databases: a flaw in the backend
# cannot read other databases, run programs through COPY ... PROGRAM or change the server.
# The superuser (postgres, password POSTGRES_PASSWORD) is for administration only.
set -eu
: "${POSTGRES_APP_PASSWORD:?POSTGRES_APP_PASSWORD is not set: run ./install.sh}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set app_password="$POSTGRES_APP_PASSWORD" <<'SQL'
create role tradebot_user login nosuperuser nocreatedb nocreaterole noreplication nobypassrls
    password :'app_password';
alter database tradebot_db owner to tradebot_user;
alter schema public owner to tradebot_user;
revoke all on database tradebot_db from public;
grant connect on database tradebot_db to tradebot_user;
SQL
