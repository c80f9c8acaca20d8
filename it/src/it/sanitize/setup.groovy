// The installed artifacts checked afterwards must be this run's, not an earlier one's.
new File(localRepositoryPath, 'it/sanitize').deleteDir()
return true
