File project = new File(basedir, 'project/hello-cpp')
assert new File(project, 'target/20-hello-cpp.so').isFile()
assert new File(project, 'src/main/cpp/hello-cpp.cpp').isFile()
assert !new File(project, 'src/main/c').exists()
assert new File(project, '.gitignore').isFile()
assert new File(project, 'build.log').text.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
return true
