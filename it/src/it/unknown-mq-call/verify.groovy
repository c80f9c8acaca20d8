def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
// a typo of the release's MQ_send (4.0+) or MQ_SmtpSend (2.1/3.x)
def typo = release.connection ? 'MQ_sned' : 'MQ_SmtpSnd'
assert log.contains("50-unknown-mq-call.so calls ${typo}, which the MailerQ ${release.version} API does not have")
assert log.contains("Did you mean ${release.function('MQ_SmtpSend')}?")
assert log.contains('BUILD FAILURE')
return true
