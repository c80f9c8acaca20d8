// A compile error shows in the log with the source's absolute path and line, and fails the build with it.
def log = new File(basedir, 'build.log').text
def source = java.util.regex.Pattern.quote(new File(basedir, 'src/main/c/broken.c').absolutePath)
assert log =~ /\[ERROR\] ${source}:5:\d+: error: .*undeclared_variable/
assert log.contains('Compilation failed in 1 of 2 sources')
assert log =~ /Failed to execute goal .*:compile .*\n?.*Compilation failed/
assert !new File(basedir, 'target/50-compile-error.so').exists()
return true
