package dev.mqkit.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a running MailerQ runtime with the plugins under
 * test, in a process of its own, and a {@link MailerQ} parameter for its
 * test methods (and {@code @BeforeAll}/{@code @BeforeEach} methods). See
 * {@link MailerQExtension} for the system properties it reads, which the
 * {@code mailerq-plugin} lifecycle sets for failsafe.
 *
 * <pre>{@code
 * @MailerQTest
 * class DkimSignerIT {
 *     @Test
 *     void signs(MailerQ mailerq) {
 *         try (SmtpClient smtp = mailerq.smtp()) {
 *             smtp.ehlo("client.example");
 *             assertReply(250, smtp.send("a@example.com", List.of("b@example.org"), "Subject: hi\r\n\r\nhello\r\n"));
 *         }
 *         assertTrue(assertDelivered(mailerq, 1).get(0).mime().contains("DKIM-Signature:"));
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MailerQExtension.class)
public @interface MailerQTest {

    /** The plugin directory; overrides the system property {@code mailerq.pluginDirectory} when not empty. */
    String pluginDirectory() default "";

    /**
     * Runtime configuration as {@code key=value} (e.g. {@code "workers=1"}); these override the
     * {@code mailerq.config.KEY} system properties.
     */
    String[] config() default {};

    /**
     * Environment variables for the runtime process, which its plugins see, as {@code NAME=value} (e.g.
     * {@code "POLICY_URL=http://127.0.0.1:8080/"}); these override the {@code mailerq.runtime.env.NAME} system
     * properties. Of the shell's environment the runtime inherits only what a process needs to run (see
     * {@link dev.mqkit.harness.process.RuntimeLauncher#INHERITED}).
     */
    String[] environment() default {};
}
