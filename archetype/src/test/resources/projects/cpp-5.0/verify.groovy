// A C++ project for MailerQ 5.0: the 4.0-5.13 API with libfastjson and without MQ_log, compiled with -Werror
// and checked against the 5.0 hooks and functions.
language = 'cpp'
mailerqVersion = '5.0'
macro = 50000
hooks = ['mq_version', 'mq_smtp_in_connect', 'mq_smtp_in_authenticate', 'mq_smtp_in_message', 'mq_smtp_in_close', 'mq_smtp_out_data']
tested = false
evaluate(new File(basedir, '../generated-project.groovy'))
return true
