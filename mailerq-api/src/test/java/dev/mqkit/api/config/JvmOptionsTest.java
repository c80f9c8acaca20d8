package dev.mqkit.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    private static String maxHeap(List<String> options) {
        return options.stream().filter(option -> option.startsWith("-Xmx")).findFirst().orElseThrow();
    }

    @Test
    void theDefaultsGetTheSerialCollectorC1AndAHeapForTheResultQueues() {
        List<String> options = JvmOptions.forConfig(RuntimeConfig.defaults());
        assertTrue(options.containsAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m",
                "-Dio.netty.jfr.enabled=false")), options.toString());
        // 64 MB and 4 KB for each of the 10 000 messages a result queue keeps, rounded up to whole MB
        assertEquals("-Xmx104m", maxHeap(options));
    }

    @Test
    void theHeapFollowsTheResultQueueLimitAndAnInflightBudgetSetByHand() {
        assertEquals("-Xmx65m", maxHeap(JvmOptions.forConfig(RuntimeConfig.defaults().with("result-queue-limit", "100"))));
        assertEquals("-Xmx304m", maxHeap(JvmOptions.forConfig(RuntimeConfig.defaults()
                .with("smtp-max-inflight", "200M"))));
        // the workers and connections do not change it (bench/relay.sh: 20 and 200 connections needed the same)
        assertEquals("-Xmx104m", maxHeap(JvmOptions.forConfig(RuntimeConfig.defaults().with("workers", "8")
                .with("smtp-max-connections", "5000"))));
    }

    @Test
    void theCommandLineAsksForThemWithoutAValue() {
        CommandLine commandLine = CommandLine.parse("--jvm-options", "--result-queue-limit", "100");
        assertTrue(commandLine.jvmOptionsRequested());
        assertFalse(commandLine.helpRequested());
        assertEquals("-Xmx65m", maxHeap(JvmOptions.forConfig(commandLine.config())));
        ConfigException valued = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> CommandLine.parse("--jvm-options=yes"));
        assertTrue(valued.getMessage().contains("--jvm-options: takes no value"), valued.getMessage());
        assertTrue(CommandLine.help().contains("--jvm-options"));
    }
}
