"""Stage 1, read: the page format of FORMAT.md — one grammar for every tool, the checks of
front matter and annotations, what text may hold, and the errors editors see."""
