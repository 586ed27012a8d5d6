"""The meeting pages, by concern: the meetings (`meetings`), who comes (`attendance`), what
was said and decided (`minutes`)."""
