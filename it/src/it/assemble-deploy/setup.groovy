// The consumer must take the plugins from target/repo, not from what an earlier run left in the ITs' repository.
new File(localRepositoryPath, 'it/assemble').deleteDir()
return true
