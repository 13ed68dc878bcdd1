package app.tradebot.backtest;

import app.tradebot.TestServices;
import app.tradebot.platform.http.ApiFunction;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/** The backtest and optimisation routes of one context, for the ITs that call them directly. */
abstract class BacktestFunctionsSupport {

    static {
        TestServices.install();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("submitBacktest")
    ApiFunction submit;

    @Autowired
    @Qualifier("getBacktest")
    ApiFunction get;

    @Autowired
    @Qualifier("listBacktests")
    ApiFunction list;

    @Autowired
    @Qualifier("deleteBacktest")
    ApiFunction delete;

    @Autowired
    @Qualifier("cancelBacktest")
    ApiFunction cancel;

    @Autowired
    @Qualifier("submitOptimization")
    ApiFunction submitOptimization;

    @Autowired
    @Qualifier("getOptimization")
    ApiFunction getOptimization;
}
