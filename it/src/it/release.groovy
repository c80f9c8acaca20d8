// The MailerQ release the ITs' plugins target in this run (script variable mailerqVersion, set by it/pom.xml) and
// what the ITs expect of it where the two plugin API generations differ; evaluated in an IT's setup.groovy or
// verify.groovy, whose binding has mailerqVersion. Writes the release into the IT's build.log and returns it.
def parts = mailerqVersion.tokenize('.').collect { it as int }
int macro = parts[0] * 10000 + parts[1] * 100 + (parts.size() > 2 ? parts[2] : 0)
boolean connection = macro >= 40000
// the 4.0 names of the 2.1/3.x functions that the ITs' expectations name
def renamed = [MQ_Continue: 'MQ_continue', MQ_Complete: 'MQ_complete', MQ_Retry: 'MQ_retry', MQ_SmtpSend: 'MQ_send']
def release = [
        version   : mailerqVersion,
        macro     : macro,
        // the 4.0-5.13 generation: MQ_Connection, hand-back by connection, void context hooks, mq_smtp_out_sent
        connection: connection,
        // what mq_version() returns: the header's MQ_API_VERSION of the release
        apiVersion: macro >= 50605 ? 4 : macro >= 50000 ? 3 : connection ? 2 : 1,
        // MQ_log, from 5.6.5
        log       : macro >= 50605,
        // a function by its 2.1/3.x name, as the release spells it
        function  : { String name ->
            assert renamed.containsKey(name) : "release.groovy knows no 4.0 name of ${name}: add it"
            connection ? renamed[name] : name
        },
]
println "MailerQ ${mailerqVersion} (MQ_MAILERQ_VERSION ${macro}): the ${connection ? '4.0-5.13' : '2.1/3.x'} plugin API"
return release
