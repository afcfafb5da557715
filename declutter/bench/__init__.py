"""The benchmark: quality and speed of declutter beside its peers on the shared corpora."""
