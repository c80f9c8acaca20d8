package dev.mqkit.runtime.queue.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class DelayBucketTest {

    @Test
    void delaysRoundUpToTwoSignificantDigits() {
        assertEquals(0, RabbitQueues.delayBucket(-5));
        assertEquals(99, RabbitQueues.delayBucket(99));
        assertEquals(1300, RabbitQueues.delayBucket(1234));
        assertEquals(1500, RabbitQueues.delayBucket(1500));
        // the retry-interval defaults stay exact
        assertEquals(600_000, RabbitQueues.delayBucket(600_000));
        assertEquals(7_200_000, RabbitQueues.delayBucket(7_200_000));
        assertEquals(3_700_000, RabbitQueues.delayBucket(3_600_001));
    }

    @Test
    void aDelayBeyondWhatTheBrokerTakesWaitsTheLongestItTakes() {
        // x-message-ttl and x-expires (the delay and an idle minute) at most 2^32 - 1 ms
        long longest = 0xFFFF_FFFFL - 60_000;
        assertEquals(longest, RabbitQueues.delayBucket(Long.MAX_VALUE));
        assertEquals(longest, RabbitQueues.delayBucket(longest));
        assertEquals(longest, RabbitQueues.delayBucket(4_290_000_000L));
        assertEquals(4_200_000_000L, RabbitQueues.delayBucket(4_123_456_789L));
    }

    @Test
    void aDelayNeverShrinksNorGrowsByMoreThanATenthAndDayLongDelaysShareFewQueues() {
        Set<Long> buckets = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            long millis = ThreadLocalRandom.current().nextLong(100, 86_400_000);
            long bucket = RabbitQueues.delayBucket(millis);
            assertTrue(bucket >= millis && bucket <= millis * 1.1, millis + " -> " + bucket);
            buckets.add(bucket);
        }
        // 90 per decade from 100 ms to a day
        assertTrue(buckets.size() <= 6 * 90 + 1, buckets.size() + " delay queues");
    }
}
