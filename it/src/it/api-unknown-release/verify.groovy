// An unknown release fails the build, listing the known ones.
def log = new File(basedir, 'build.log').text
assert log.contains("<mailerqVersion>6.0</mailerqVersion> (-Dmailerq.version): '6.0' is not a MailerQ release this "
        + 'toolkit knows: 2.1, 3.0, 4.0, 4.1, 4.2, 4.3, 4.4, 5.0')
assert log.contains('5.6, 5.6.5, 5.7, 5.8, 5.9, 5.10, 5.11, 5.12, 5.13')
return true
