def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('Plugin directory') && log.contains('10-first.so, 20-second.so')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert new File(basedir, 'second/target/mailerq/plugin-directory/10-first.so').exists()
assert log.contains('20-second.so exports mq_smtp_in_mailfrom, which the exercise did not reach (did an earlier plugin ' +
        "complete the hook with ${release.function('MQ_Complete')}?)")
return true
