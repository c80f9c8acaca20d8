// A C project for MailerQ 4.4: the 4.0-5.13 API with json-c and without MQ_log, compiled with -Werror and
// checked against the 4.4 hooks and functions.
language = 'c'
mailerqVersion = '4.4'
macro = 40400
hooks = ['mq_version', 'mq_smtp_in_connect', 'mq_smtp_in_authenticate', 'mq_smtp_in_message', 'mq_smtp_in_close', 'mq_smtp_out_data']
tested = false
evaluate(new File(basedir, '../generated-project.groovy'))
return true
