"""The hostile corpus: files that break or fool naive readers, built by make_corpus."""
