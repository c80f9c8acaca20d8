// A plugin written from the MailerQ 5.13 plugin pages alone builds with mailerqVersion 5.13: the header gets
// MQ_MAILERQ_VERSION 51300, the check knows the 5.13 hooks and functions, the descriptor carries the release's
// MQ_API_VERSION, and the exercise runs it in the runtime playing 5.13: void context hooks, a hand-back by
// connection from a timer, MQ_Address, MQ_setLocal, mq_smtp_out_sent and MQ_log.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/50-api-5-13.so').isFile()
assert new File(basedir, 'target/compile_commands.json').text.contains('"-DMQ_MAILERQ_VERSION=51300"')
assert log.contains('exports mq_version, mq_context_initialize, mq_context_cleanup, mq_smtp_in_mailfrom, '
        + 'mq_smtp_in_message, mq_smtp_out_sent')
assert new File(basedir, 'target/mailerq/mailerq-plugin.properties').text.contains('apiVersion=4\n')
// the exercise's table: mq_version returned 4, MAIL FROM took control and came back with MQ_continue
assert log =~ /50-api-5-13\.so\s+mq_version\s+1\s+-\s+returned 4/
assert log =~ /50-api-5-13\.so\s+mq_smtp_in_mailfrom\s+1\s+1\s+MQ_continue×1/
assert log =~ /50-api-5-13\.so\s+mq_smtp_out_sent\s+[1-9]/
// its MQ_log lines, as MailerQ prints them
assert log.contains('[Info] [50-api-5-13.so] message accepted')
assert log.contains("[Warning] [50-api-5-13.so] sent the JSON's MIME")
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/mailerq/exercise.json'))
assert report.passed
assert report.logs.any { it.source == '50-api-5-13.so' && it.priority == 'Info' && it.message == 'message accepted' }
assert log.contains('BUILD SUCCESS')
return true
