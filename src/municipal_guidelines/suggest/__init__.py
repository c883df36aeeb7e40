"""Topic suggestions for a rule: keywords of data/topics.yml (``keywords``), a learned model
(``learned``, scikit-learn, imported only where it is used), the reviewed rules it learns from
(``training``), and how well they do (``evaluation``)."""
