def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def explained = '20-exercise-desync.so wrote the reply "550 5.7.1 recipient refused" with ' +
        "${release.function('MQ_SmtpSend')} in " +
        'mq_smtp_in_rcptto, and MailerQ sends its own reply to the command after it: the client receives more ' +
        'replies than it sent commands'

// 1. the exercise: what the client saw, and why
assert log.contains('The exercise of 20-exercise-desync.so failed')
assert log.contains('- RCPT TO was answered 550 5.7.1 recipient refused')
assert log =~ /- the server sent a reply no command asked for: "250 [^"]*" came after the reply to RCPT TO:<first@exercise\.mqkit\.dev> had been read/
assert log.contains(explained)

// 2. the JUnit test: SmtpClient fails it on the reply no command asked for, with the transcript
def report = new File(basedir, 'target/failsafe-reports/it.desync.RefusalIT.txt').text
assert report.contains('UnsolicitedReplyError')
assert report.contains('the server sent a reply no command asked for: "250 ')
assert report.contains(explained)
assert report.contains('C: RCPT TO:<someone@example.org>')
assert report.contains('S: 550 5.7.1 recipient refused')
return true
