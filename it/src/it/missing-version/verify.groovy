def log = new File(basedir, 'build.log').text
assert log.contains('50-missing-version.so does not export mq_version, so MailerQ refuses to load it')
assert log.contains('MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }')
assert log.contains('BUILD FAILURE')
return true
