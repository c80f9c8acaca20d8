package dev.mqkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A failure in words, also when the exception carries no message (a delivery once logged "cannot connect: null"). */
class FailuresTest {

    @Test
    void aFailureIsItsFirstMessageAlongItsCausesElseWhatItsKindSays() {
        assertEquals("connection refused", Failures.describe(new CompletionException(new ConnectException())));
        assertEquals("finishConnect(..) failed: Connection refused",
                Failures.describe(new ConnectException("finishConnect(..) failed: Connection refused")));
        assertEquals("closed", Failures.describe(new IllegalStateException(null, new IllegalStateException("closed"))));
        assertEquals("UnsupportedOperationException", Failures.describe(new UnsupportedOperationException()));
    }
}
