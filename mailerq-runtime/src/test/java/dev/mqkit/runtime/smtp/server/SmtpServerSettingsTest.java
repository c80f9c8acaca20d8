package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.config.ConfigException;
import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.config.RuntimeConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpServerSettingsTest {
    private static final SmtpServerSettings DEFAULTS = SmtpServerSettings.from(RuntimeConfig.defaults(), "localhost");

    @Test
    void readsMailerqPortLists() {
        RuntimeConfig config = RuntimeConfig.defaults();
        assertEquals(List.of(25, 2525, 1024, 1025, 1026), SmtpServerSettings.from(
                config.with(ConfigKey.SMTP_PORT, "25,2525,1024-1026"), "localhost").plainPorts());
        assertEquals(List.of(587), SmtpServerSettings.from(config.with(ConfigKey.SMTP_PORT, " 587 "), "localhost").plainPorts());
        assertEquals(List.of(), SmtpServerSettings.from(config.with(ConfigKey.SMTP_PORT, ""), "localhost").plainPorts());
        ConfigException bad = assertThrows(ConfigException.class, () -> config.with(ConfigKey.SMTP_PORT, "25,smtp"));
        assertTrue(bad.getMessage().contains("'smtp'"), bad.getMessage());
        assertThrows(ConfigException.class, () -> config.with(ConfigKey.SMTP_PORT, "30-20"));
        assertThrows(ConfigException.class, () -> config.with(ConfigKey.SMTP_PORT, "70000"));
    }

    /** The defaults are the configuration's, one per setting. */
    @Test
    void defaultsAndPairs() {
        assertEquals(1000, DEFAULTS.maxLineLength());
        assertEquals(50L << 20, DEFAULTS.maxMessageSize(), "smtp-max-message-size: 50M");
        assertEquals("127.0.0.1", DEFAULTS.bindAddress());
        assertEquals(List.of(0), DEFAULTS.plainPorts());
        assertEquals(100, DEFAULTS.maxRecipients());
        assertEquals(false, DEFAULTS.allowPlaintextAuth());
        assertThrows(IllegalArgumentException.class, () -> SmtpServerSettings.from(RuntimeConfig.defaults()
                .with(ConfigKey.SMTP_CERTIFICATE, "c.pem"), "localhost"));
        Map<String, String> noPassword = new HashMap<>();
        noPassword.put("user", null);
        assertThrows(IllegalArgumentException.class, () -> withComponent("logins", noPassword));
        assertThrows(IllegalArgumentException.class, () -> withComponent("maxLineLength", 100));
    }

    /** The defaults with one component changed, through the record's constructor, which checks them. */
    private static SmtpServerSettings withComponent(String name, Object value) throws Throwable {
        RecordComponent[] components = SmtpServerSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals(name) ? value : components[i].getAccessor().invoke(DEFAULTS);
        }
        try {
            return SmtpServerSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
