package app.tradebot.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = "app.tradebot")
public class TradeBotLauncher {

    public static void main(String[] args) {
        SpringApplication.run(TradeBotLauncher.class, args);
    }
}
