package dev.mqkit.maven.api;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.MailerqRelease.Generation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a hook or function name belongs across the MailerQ releases of one
 * mailerq.h: the first release that declares it, and its name in the other
 * generation. It turns "not in this API" into "not in the MailerQ 5.13 API:
 * it became MQ_send in 4.0".
 */
public final class ApiHistory {

    /** 2.1/3.x name → 4.0 name, for every function that 4.0 renamed (plugin-api-5.md, differences 1, 2, 4). */
    private static final Map<String, String> RENAMED_IN_4_0 = new LinkedHashMap<>();

    static {
        String[] pairs = {
            "MQ_Continue", "MQ_continue", "MQ_Complete", "MQ_complete", "MQ_Retry", "MQ_retry",
            "MQ_ContextData", "MQ_contextData", "MQ_SetContextData", "MQ_setContextData",
            "MQ_IOWatch", "MQ_ioWatch", "MQ_IOUnwatch", "MQ_ioUnwatch",
            "MQ_TimerStart", "MQ_startTimer", "MQ_TimerStop", "MQ_stopTimer", "MQ_TimerReset", "MQ_resetTimer",
            "MQ_SmtpFileDescriptor", "MQ_fileDescriptor", "MQ_SmtpSend", "MQ_send", "MQ_SmtpSecure", "MQ_secure",
            "MQ_SmtpAuthenticated", "MQ_authenticated", "MQ_SetSmtpAuthenticated", "MQ_setAuthenticated",
            "MQ_SmtpData", "MQ_connectionData", "MQ_SetSmtpData", "MQ_setConnectionData",
            "MQ_Json", "MQ_json", "MQ_Envelope", "MQ_envelope", "MQ_Recipient", "MQ_recipient",
            "MQ_Mime", "MQ_mime", "MQ_SetEnvelope", "MQ_setEnvelope", "MQ_SetRecipient", "MQ_setRecipient",
            "MQ_SetMime", "MQ_setMime"};
        for (int i = 0; i < pairs.length; i += 2) {
            RENAMED_IN_4_0.put(pairs[i], pairs[i + 1]);
        }
    }

    private final List<MailerqApi> releases = new ArrayList<>();

    /** Reads the header's declarations for every known release. */
    public ApiHistory(String header) {
        for (MailerqRelease release : MailerqRelease.KNOWN) {
            releases.add(MailerqApi.parse(header, release));
        }
    }

    /** The history of the mailerq.h that came with this plugin. */
    public static ApiHistory bundled() {
        return new ApiHistory(MailerqApi.bundledHeader());
    }

    /** The first release that declares this hook or function. */
    public Optional<MailerqRelease> firstRelease(String name) {
        return releases.stream().filter(api -> api.hooks().contains(name) || api.functions().contains(name))
                .map(MailerqApi::release).findFirst();
    }

    /** The generation a name belongs to, when only one generation has it. */
    public Optional<Generation> onlyIn(String name) {
        List<Generation> generations = releases.stream()
                .filter(api -> api.hooks().contains(name) || api.functions().contains(name))
                .map(api -> api.release().generation()).distinct().toList();
        return generations.size() == 1 ? Optional.of(generations.get(0)) : Optional.empty();
    }

    /**
     * Why a name the plugin uses is not in {@code target}'s API, when another
     * release has it: "MQ_SmtpSend is not in the MailerQ 5.13 API: it became
     * MQ_send in 4.0".
     */
    public Optional<String> whyNotIn(String name, MailerqRelease target) {
        Optional<MailerqRelease> first = firstRelease(name);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        String missing = name + " is not in the MailerQ " + target + " API: ";
        MailerqRelease since = first.get();
        if (since.generation() == target.generation() || target.generation() == Generation.SMTP_CONNECTION) {
            String old = renamedFrom(name);
            return Optional.of(missing + (old != null && target.generation() == Generation.SMTP_CONNECTION
                    ? "it is the " + since + " name of " + old + ", which " + target + " has"
                    : "it came in " + since + "; target " + since + " or later (<mailerqVersion>)"));
        }
        String renamed = RENAMED_IN_4_0.get(name);
        return Optional.of(missing + (renamed != null
                ? "it became " + renamed + " in " + MailerqRelease.FIRST_CONNECTION
                : "it was dropped in " + MailerqRelease.FIRST_CONNECTION));
    }

    /** A 2.1/3.x function by the name {@code release} gives it: "MQ_complete" for MQ_Complete in 5.13. */
    public static String nameIn(String function, MailerqRelease release) {
        return release.generation() == Generation.CONNECTION ? RENAMED_IN_4_0.getOrDefault(function, function)
                : function;
    }

    private static String renamedFrom(String name) {
        return RENAMED_IN_4_0.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }
}
