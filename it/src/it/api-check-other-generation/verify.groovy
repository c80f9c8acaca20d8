// A plugin calling 2.1/3.x functions in a 5.13 build: the check names each replacement and the generation.
def log = new File(basedir, 'build.log').text
assert log.contains('50-api-check-other-generation.so calls MQ_SmtpSend is not in the MailerQ 5.13 API: it became '
        + 'MQ_send in 4.0')
assert log.contains('calls MQ_Continue is not in the MailerQ 5.13 API: it became MQ_continue in 4.0')
assert log.contains('50-api-check-other-generation.so looks like a plugin for the MailerQ 2.1/3.x API')
return true
