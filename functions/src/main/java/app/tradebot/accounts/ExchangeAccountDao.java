package app.tradebot.accounts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Every query but {@link #page} is scoped to its owner: another user's account is simply not there. */
@RegisterConstructorMapper(ExchangeAccount.class)
interface ExchangeAccountDao {

    String COLUMNS = "id, user_id, name, kind, api_key_enc, api_secret_enc, api_key_hint, daily_loss_limit_quote, created_at, "
            + "updated_at";

    /** Empty when the user already has an account of that name: the unique constraint decides, even in a race. */
    @SqlQuery("""
            insert into exchange_accounts (id, user_id, name, kind, api_key_enc, api_secret_enc, api_key_hint)
            values (:id, :userId, :name, :kind, :apiKeyEnc, :apiSecretEnc, :apiKeyHint)
            on conflict (user_id, name) do nothing
            returning""" + " " + COLUMNS)
    Optional<ExchangeAccount> insert(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("name") String name,
            @Bind("kind") String kind, @Bind("apiKeyEnc") String apiKeyEnc, @Bind("apiSecretEnc") String apiSecretEnc,
            @Bind("apiKeyHint") String apiKeyHint);

    @SqlQuery("select " + COLUMNS + " from exchange_accounts where user_id = :userId order by created_at, id")
    List<ExchangeAccount> list(@Bind("userId") UUID userId);

    @SqlQuery("select " + COLUMNS + " from exchange_accounts where id = :id and user_id = :userId")
    Optional<ExchangeAccount> find(@Bind("userId") UUID userId, @Bind("id") UUID id);

    /** Not scoped to a user: for the jobs only, which are handed an account's id. */
    @SqlQuery("select " + COLUMNS + " from exchange_accounts where id = :id")
    Optional<ExchangeAccount> findById(@Bind("id") UUID id);

    @SqlQuery("select exists (select 1 from exchange_accounts where user_id = :userId and name = :name and id <> :id)")
    boolean nameTaken(@Bind("userId") UUID userId, @Bind("name") String name, @Bind("id") UUID id);

    /** A rename, a new key pair, a daily loss limit (0 removes it); null leaves a column as it is. */
    @SqlQuery("""
            update exchange_accounts
               set name = coalesce(:name, name),
                   api_key_enc = coalesce(:apiKeyEnc, api_key_enc),
                   api_secret_enc = coalesce(:apiSecretEnc, api_secret_enc),
                   api_key_hint = coalesce(:apiKeyHint, api_key_hint),
                   daily_loss_limit_quote = case when cast(:lossLimit as numeric) is null then daily_loss_limit_quote
                                                 when cast(:lossLimit as numeric) = 0 then null
                                                 else cast(:lossLimit as numeric) end,
                   updated_at = now()
             where id = :id and user_id = :userId
            returning""" + " " + COLUMNS)
    Optional<ExchangeAccount> update(@Bind("userId") UUID userId, @Bind("id") UUID id, @Bind("name") String name,
            @Bind("apiKeyEnc") String apiKeyEnc, @Bind("apiSecretEnc") String apiSecretEnc, @Bind("apiKeyHint") String apiKeyHint,
            @Bind("lossLimit") BigDecimal lossLimit);

    @SqlUpdate("delete from exchange_accounts where id = :id and user_id = :userId")
    int delete(@Bind("userId") UUID userId, @Bind("id") UUID id);

    /** Every account in id order after {@code after} (null: from the first). */
    @SqlQuery("select " + COLUMNS + """
             from exchange_accounts
            where cast(:after as uuid) is null or id > :after
            order by id
            limit :limit""")
    List<ExchangeAccount> after(@Bind("after") UUID after, @Bind("limit") int limit);

    /** Accounts with keys, in id order after {@code after}: the re-encryption job walks them in pages. */
    @SqlQuery("select " + COLUMNS + """
             from exchange_accounts
            where api_key_enc is not null and id > :after
            order by id
            limit :limit""")
    List<ExchangeAccount> withKeysAfter(@Bind("after") UUID after, @Bind("limit") int limit);

    /**
     * Swaps one account's tokens for re-encrypted ones, unless they changed meanwhile (keys rotated by
     * the user): then the newer tokens are already under the current key and stay.
     */
    @SqlUpdate("""
            update exchange_accounts
               set api_key_enc = :newKey, api_secret_enc = :newSecret
             where id = :id and api_key_enc = :oldKey and api_secret_enc = :oldSecret""")
    int replaceTokens(@Bind("id") UUID id, @Bind("oldKey") String oldKey, @Bind("oldSecret") String oldSecret,
            @Bind("newKey") String newKey, @Bind("newSecret") String newSecret);
}
