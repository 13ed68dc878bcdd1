package app.tradebot.accounts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import app.tradebot.platform.http.FieldError;

/**
 * A paper account's starting balances: asset → amount, such as {@code {"USDT":"10000"}}. Assets are
 * Binance's upper-case codes; amounts are positive with at most 8 decimals, Binance's precision.
 */
final class StartingBalances {

    static final Map<String, BigDecimal> DEFAULT = Map.of("USDT", new BigDecimal("10000"));
    static final int MAX_ASSETS = 20;
    static final int MAX_SCALE = 8;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private static final Pattern ASSET = Pattern.compile("[A-Z0-9]{2,20}");

    private StartingBalances() {
    }

    /**
     * The errors of {@code balances}, as fields {@code balances.<asset>}. {@code knownAssets} is empty
     * when the exchange's asset list is not at hand; then only the form of an asset is checked.
     */
    static List<FieldError> errors(Map<String, BigDecimal> balances, Set<String> knownAssets) {
        List<FieldError> errors = new ArrayList<>();
        if (balances.isEmpty()) {
            errors.add(new FieldError("balances", "must hold at least one asset"));
        }
        if (balances.size() > MAX_ASSETS) {
            errors.add(new FieldError("balances", "must hold at most " + MAX_ASSETS + " assets"));
        }
        new TreeMap<>(balances).forEach((asset, amount) -> {
            String field = "balances." + asset;
            if (!ASSET.matcher(asset).matches()) {
                errors.add(new FieldError(field, "is not an asset code (2 to 20 upper-case letters and digits, such as USDT)"));
            }
            else if (!knownAssets.isEmpty() && !knownAssets.contains(asset)) {
                errors.add(new FieldError(field, "is not an asset the exchange lists"));
            }
            if (amount == null) {
                errors.add(new FieldError(field, "must be a number"));
            }
            else if (amount.signum() <= 0) {
                errors.add(new FieldError(field, "must be positive"));
            }
            else if (amount.stripTrailingZeros().scale() > MAX_SCALE) {
                errors.add(new FieldError(field, "must have at most " + MAX_SCALE + " decimals"));
            }
            else if (amount.compareTo(MAX_AMOUNT) > 0) {
                errors.add(new FieldError(field, "must be at most " + MAX_AMOUNT.toPlainString()));
            }
        });
        return errors;
    }

    /** Trailing zeros dropped ("10000.00" is 10000), plain digits. */
    static Map<String, BigDecimal> normalized(Map<String, BigDecimal> balances) {
        Map<String, BigDecimal> normalized = new LinkedHashMap<>();
        new TreeMap<>(balances).forEach((asset, amount) -> {
            BigDecimal stripped = amount.stripTrailingZeros();
            normalized.put(asset, stripped.scale() < 0 ? stripped.setScale(0) : stripped);
        });
        return normalized;
    }
}
