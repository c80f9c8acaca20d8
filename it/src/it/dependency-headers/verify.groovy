// The include/ folder of a declared jar dependency is unpacked and on the include path; defines reach the
// compiler and libraries the linker.
evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log =~ /50-dependency-headers\.so \(linux-\w+\) exports mq_version, mq_smtp_in_connect\n/
def unpacked = new File(basedir, 'target/mailerq/dependencies/it.greeting-headers/include')
assert new File(unpacked, 'greeting/greeting.h').isFile()
def database = new File(basedir, 'target/compile_commands.json').text
assert database.contains('"-I' + unpacked.absolutePath + '"')
assert database.contains('"-DGREETING_LENGTH=5"')
def readelf = ['readelf', '-d', new File(basedir, 'target/50-dependency-headers.so').absolutePath].execute()
assert readelf.text =~ /NEEDED.*libm\.so/
return true
