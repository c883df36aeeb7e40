"""Stage 2, validate and model: the taxonomy, checks across pages, the site model and the
topic × municipality matrix of each language form."""
