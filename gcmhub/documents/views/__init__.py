"""The document pages, by concern: the document and its sections (`documents`), its versions
and the final one (`versions`), the reviews and their comments (`reviews`)."""
