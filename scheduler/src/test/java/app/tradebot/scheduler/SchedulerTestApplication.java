package app.tradebot.scheduler;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import app.tradebot.runtime.QueueTopologyConfiguration;
import app.tradebot.runtime.TemplateConfiguration;

/** The scheduler alone, as the scheduler role of the one TradeBot image would run it (declaring the queues it publishes to). */
@SpringBootApplication
@Import({ TemplateConfiguration.class, QueueTopologyConfiguration.class })
class SchedulerTestApplication {
}
