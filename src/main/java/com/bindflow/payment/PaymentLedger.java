package com.bindflow.payment;

import static com.bindflow.shared.Jdbc.ts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The per-customer ledger row ({@code payment_ledger}): available credit and WeChat exposure. Every decision that
 * changes a customer's payments locks this row first ({@link #lock}), so a customer's decisions run one at a time on
 * every node, and the updates themselves refuse to overdraw.
 */
@Repository
public class PaymentLedger {

    private static final String COLUMNS = "user_id, initial_available_credit, available_credit, wechat_exposure";

    private final JdbcTemplate jdbc;

    public PaymentLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A customer's figures (yuan). {@code initialAvailableCredit} is JD Finance's figure when we first saw them. */
    public record Entry(String userId, BigDecimal initialAvailableCredit, BigDecimal availableCredit,
                        BigDecimal wechatExposure) {
    }

    /** Reads and locks the customer's row until the transaction ends; empty when the customer has none yet. */
    public Optional<Entry> lock(String userId) {
        return jdbc.query("select " + COLUMNS + " from payment_ledger where user_id = ? for update", PaymentLedger::map,
                userId).stream().findFirst();
    }

    public Optional<Entry> find(String userId) {
        return jdbc.query("select " + COLUMNS + " from payment_ledger where user_id = ?", PaymentLedger::map, userId)
                .stream().findFirst();
    }

    /** The customer's row, starting from JD Finance's available credit. DuplicateKeyException when another made it. */
    public void create(String userId, BigDecimal availableCredit, Instant now) {
        jdbc.update("insert into payment_ledger (" + COLUMNS + ", created_at, updated_at) values (?,?,?,?,?,?)",
                userId, availableCredit, availableCredit, BigDecimal.ZERO.setScale(2), ts(now), ts(now));
    }

    /** An approval: the amount leaves available credit and joins the WeChat exposure, never past either limit. */
    public void take(String userId, BigDecimal amount, BigDecimal exposureLimit, Instant now) {
        int updated = jdbc.update("update payment_ledger set available_credit = available_credit - ?, "
                        + "wechat_exposure = wechat_exposure + ?, updated_at = ? where user_id = ? "
                        + "and available_credit >= ? and wechat_exposure + ? <= ?",
                amount, amount, ts(now), userId, amount, amount, exposureLimit);
        if (updated != 1) {
            throw new IllegalStateException("ledger of " + userId + " cannot take " + amount.toPlainString());
        }
    }

    /** A reversal: the amount goes back to available credit and leaves the WeChat exposure. */
    public void giveBack(String userId, BigDecimal amount, Instant now) {
        int updated = jdbc.update("update payment_ledger set available_credit = available_credit + ?, "
                + "wechat_exposure = wechat_exposure - ?, updated_at = ? where user_id = ? and wechat_exposure >= ?",
                amount, amount, ts(now), userId, amount);
        if (updated != 1) {
            throw new IllegalStateException("ledger of " + userId + " cannot give back " + amount.toPlainString());
        }
    }

    private static Entry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Entry(rs.getString("user_id"), rs.getBigDecimal("initial_available_credit"),
                rs.getBigDecimal("available_credit"), rs.getBigDecimal("wechat_exposure"));
    }
}
