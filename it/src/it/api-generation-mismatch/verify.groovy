// 2.1/3.x sources built for 5.13 do not compile: the error names the hook and says which API the type is of.
def log = new File(basedir, 'build.log').text
assert log =~ /error: conflicting types for .mq_smtp_in_connect./
assert log.contains('MQ_SmtpConnection is the MailerQ 2.1/3.x API, and this build targets 4.0+')
assert !new File(basedir, 'target/50-api-generation-mismatch.so').exists()
return true
