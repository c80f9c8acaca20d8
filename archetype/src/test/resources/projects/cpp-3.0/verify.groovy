// A C++ project for MailerQ 3.0 (the 2.1/3.x API), built, exercised and tested in the embedded runtime.
language = 'cpp'
mailerqVersion = '3.0'
macro = 30000
hooks = ['mq_version', 'mq_smtp_in_connect', 'mq_smtp_in_authenticate', 'mq_smtp_in_message', 'mq_smtp_in_close', 'mq_smtp_out_data']
tested = true
evaluate(new File(basedir, '../generated-project.groovy'))
return true
