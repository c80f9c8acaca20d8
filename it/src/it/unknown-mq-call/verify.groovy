def log = new File(basedir, 'build.log').text
assert log.contains('50-unknown-mq-call.so calls MQ_SmtpSnd, which the MailerQ 3.0 API does not have')
assert log.contains('Did you mean MQ_SmtpSend?')
assert log.contains('BUILD FAILURE')
return true
