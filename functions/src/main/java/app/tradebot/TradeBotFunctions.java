package app.tradebot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TradeBotFunctions {

    public static void main(String[] args) {
        SpringApplication.run(TradeBotFunctions.class, args);
    }
}
