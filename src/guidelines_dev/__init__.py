"""Developer tooling, outside the domain package: the synthetic corpus (``corpus``), the benchmark
(``bench``, ``search_bench``) and screenshots (``screenshot``). The site's build imports nothing from here."""
