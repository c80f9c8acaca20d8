// <header> points at a real mailerq.h: the plugin is compiled and checked against it, its MQ_API_VERSION goes
// into the descriptor, the build names what in it the embedded runtime does not implement, and the exercise
// starts the runtime expecting that MQ_API_VERSION (plugin-api-version), so the plugin that returns it loads.
def log = new File(basedir, 'build.log').text
assert new File(basedir, 'target/mailerq/include/mailerq.h').text.contains('#define MQ_API_VERSION 17')
assert log.contains('(MQ_API_VERSION 17) for MailerQ 5.13; the toolkit\'s header gives 4')
assert log.contains('declares hooks that the embedded runtime never calls: mq_smtp_in_vrfy')
assert log.contains('declares functions that the embedded runtime does not implement (a plugin calling them does '
        + 'not load in the exercise and tests): MQ_workerCount')
assert log.contains('50-api-real-header.so (linux-x86_64) exports mq_version, mq_smtp_in_mailfrom')
assert new File(basedir, 'target/mailerq/mailerq-plugin.properties').text.contains('apiVersion=17\n')
assert log =~ /50-api-real-header\.so\s+mq_version\s+1\s+-\s+returned 17/
assert log.contains('Every hook of 50-api-real-header.so was reached')
assert log.contains('BUILD SUCCESS')
return true
