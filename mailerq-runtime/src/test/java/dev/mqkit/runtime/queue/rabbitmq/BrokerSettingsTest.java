package dev.mqkit.runtime.queue.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.config.ConfigException;
import dev.mqkit.api.config.RuntimeConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the rabbitmq-* keys of each release name the broker, and what they refuse. */
class BrokerSettingsTest {

    private static RuntimeConfig release(String version) {
        return RuntimeConfig.defaults().with("mailerq-version", version);
    }

    @Test
    void withoutABrokerKeyTheQueuesStayInMemory() {
        assertTrue(BrokerSettings.from(release("5.13")).isEmpty());
        assertTrue(BrokerSettings.from(release("3.0")).isEmpty());
    }

    @Test
    void rabbitmqAddressFillsWhatItLeavesOutFromMailerQsDefault() {
        BrokerSettings settings = BrokerSettings.from(release("5.13").with("rabbitmq-address",
                "amqp://mq:s%40cret@broker.example:5673/mail, amqp://backup.example")).orElseThrow();
        assertEquals(List.of(new BrokerSettings.Broker("broker.example", 5673, "mq", "s@cret", "mail", false),
                new BrokerSettings.Broker("backup.example", 5672, "guest", "guest", "/", false)), settings.brokers());
        assertEquals("", settings.exchange(), "5.13 publishes to the default exchange");
        assertTrue(settings.durable() && settings.persistent() && settings.declare());
        assertEquals(1000, settings.qos());
        assertEquals("/", BrokerSettings.parseUrl(BrokerSettings.DEFAULT_ADDRESS).vhost());
        assertEquals("/", BrokerSettings.parseUrl("amqp://h/%2F").vhost());
        assertFalse(BrokerSettings.parseUrl("amqp://u:p@h/v").toString().contains("p@"), "no password in the log");
    }

    @Test
    void rabbitmqHostOf30TakesUserPasswordVhostAndTheMailerqExchange() {
        BrokerSettings settings = BrokerSettings.from(release("3.0").with("rabbitmq-host", "h1;h2:5673")
                .with("rabbitmq-user", "mq").with("rabbitmq-password", "pw").with("rabbitmq-vhost", "mail")
                .with("rabbitmq-durable", "0").with("rabbitmq-persistent", "1")).orElseThrow();
        assertEquals(List.of(new BrokerSettings.Broker("h1", 5672, "mq", "pw", "mail", false),
                new BrokerSettings.Broker("h2", 5673, "mq", "pw", "mail", false)), settings.brokers());
        assertEquals("mailerq", settings.exchange());
        assertFalse(settings.durable());
        assertTrue(settings.persistent());
    }

    @Test
    void aKeyOfTheOtherReleaseNamesTheReleasesKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerSettings.from(release("5.13").with("rabbitmq-host", "localhost")));
        assertTrue(e.getMessage().startsWith("rabbitmq-host is the MailerQ 3.0 name") && e.getMessage()
                .contains("rabbitmq-address: amqp://user:password@host/vhost"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> BrokerSettings.from(release("3.0").with("rabbitmq-address", "amqp://localhost")));
        assertTrue(e.getMessage().contains("rabbitmq-host, rabbitmq-user, rabbitmq-password and rabbitmq-vhost"),
                e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> BrokerSettings.from(release("3.0").with("rabbitmq-host", "h").with("rabbitmq-declare", "false")));
        assertTrue(e.getMessage().startsWith("rabbitmq-declare is a MailerQ 5.13 key"), e.getMessage());
    }

    @Test
    void aBadAddressSaysHowToWriteOne() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> BrokerSettings.from(release("5.13").with("rabbitmq-address", "http://u:secret@host/")));
        assertTrue(e.getMessage().contains("amqp://user:password@host:port/vhost"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void thePasswordOfRabbitmqAddressIsMaskedWhenTheConfigurationIsShown() {
        String shown = release("5.13").with("rabbitmq-address", "amqp://mq:secret@h/v").toString();
        assertTrue(shown.contains("rabbitmq-address: amqp://mq:****@h/v"), shown);
    }
}
