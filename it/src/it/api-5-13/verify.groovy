// A plugin in the 5.13 API builds with mailerqVersion 5.13: the header gets MQ_MAILERQ_VERSION 51300,
// the check knows the 5.13 hooks and functions, the descriptor carries the release's MQ_API_VERSION.
// The exercise starts the runtime with mailerq-version 5.13, which it refuses, saying why, as it does not
// play the 4.0-5.13 API yet.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/50-api-5-13.so').isFile()
assert new File(basedir, 'target/compile_commands.json').text.contains('"-DMQ_MAILERQ_VERSION=51300"')
assert log.contains('exports mq_version, mq_context_initialize, mq_context_cleanup, mq_smtp_in_mailfrom, '
        + 'mq_smtp_in_message, mq_smtp_out_sent')
assert new File(basedir, 'target/mailerq/mailerq-plugin.properties').text.contains('apiVersion=4\n')
assert log.contains('error: mailerq-version 5.13: this runtime plays the MailerQ 2.1/3.x plugin API only so far')
return true
