def log = new File(basedir, 'build.log').text
assert log.contains('The exercise of 20-exercise-hold.so failed')
assert log.contains('no reply to MAIL FROM')
assert log =~ /never handed back: 20-exercise-hold\.so took control in mq_smtp_in_mailfrom/
return true
